-- Applications residents submit. The answers are kept as validated JSON; the columns beside
-- them are the ones counsellors filter on. Portable SQL: the same file must run on PostgreSQL.
CREATE TABLE applications (
    id             INTEGER PRIMARY KEY,
    reference      TEXT NOT NULL UNIQUE,
    service        TEXT NOT NULL,
    centre         TEXT NOT NULL,
    status         TEXT NOT NULL,
    answers        TEXT NOT NULL,
    token_hash     TEXT NOT NULL UNIQUE,
    submitted_at   TEXT NOT NULL
);

CREATE INDEX applications_by_centre_and_status ON applications (centre, status, submitted_at);

CREATE TABLE status_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    status         TEXT NOT NULL,
    note           TEXT,
    recorded_at    TEXT NOT NULL
);

CREATE INDEX status_events_by_application ON status_events (application_id, recorded_at);

-- A retried submission with the same key returns the same receipt instead of a second row.
CREATE TABLE idempotency_keys (
    idempotency_key TEXT PRIMARY KEY,
    request_hash    TEXT NOT NULL,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    created_at      TEXT NOT NULL
);
