-- A decision is a status event with an outcome; its note carries the reasons.
ALTER TABLE status_events ADD COLUMN decision TEXT;

-- Documents sent after applying, kept with the hash the resident's receipt shows. BLOB is
-- SQLite's name for bytes; the PostgreSQL schema uses BYTEA.
CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    kind           TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    content        BLOB NOT NULL,
    received_at    TEXT NOT NULL
);

CREATE INDEX documents_by_application ON documents (application_id);

-- Requests for a counsellor to call, for the centre that will call. The idempotency key is
-- stored hashed, as for applications.
CREATE TABLE callbacks (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    centre          TEXT NOT NULL,
    service         TEXT,
    request         TEXT NOT NULL,
    time_window     TEXT NOT NULL,
    status          TEXT NOT NULL,
    requested_at    TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash    TEXT NOT NULL
);

CREATE INDEX callbacks_by_centre ON callbacks (centre, status, requested_at);
