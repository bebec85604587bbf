-- A document is stored once per application, whatever arrives at the same moment: the pair is
-- unique, not only looked up first. Copies an earlier race left behind are removed first (the
-- first one stays; they are the same bytes).
DELETE FROM documents
WHERE id NOT IN (SELECT MIN(id) FROM documents GROUP BY application_id, sha256);

DROP INDEX documents_by_application;
CREATE UNIQUE INDEX documents_once ON documents (application_id, sha256);
