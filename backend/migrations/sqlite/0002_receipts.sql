-- The receipt's private status token is derived from the client's idempotency key with this
-- secret (HMAC), so a retried submission gets the same private link although only the token's
-- hash is stored. Kept in the database so every instance behind a load balancer shares it.
CREATE TABLE server_secrets (
    name   TEXT PRIMARY KEY,
    secret TEXT NOT NULL
);

-- What the receipt repeats on a retry, and the language for the counsellor's first contact.
ALTER TABLE applications ADD COLUMN language TEXT NOT NULL DEFAULT 'is';
ALTER TABLE applications ADD COLUMN photo_id_required INTEGER NOT NULL DEFAULT 0;
