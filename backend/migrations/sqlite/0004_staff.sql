-- The counsellors' side: accounts, their centres, sessions, the audit trail, and what handling
-- a case adds to applications, their events and call-backs. Times that are compared (locks,
-- session ages) are Unix seconds; times that are shown are RFC 3339 text, as elsewhere.
CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    totp_secret     TEXT NOT NULL,
    -- The RFC 6238 step of the last code accepted: a code of that step or earlier is refused.
    totp_last_step  INTEGER NOT NULL DEFAULT 0,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL
);

CREATE TABLE staff_centres (
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    centre   TEXT NOT NULL,
    PRIMARY KEY (staff_id, centre)
);

-- The id is the SHA-256 of the cookie's 256-bit random token: a leaked table opens no session.
CREATE TABLE staff_sessions (
    id           TEXT PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);

CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

-- Append-only: the application inserts rows and never updates or deletes them.
CREATE TABLE audit (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    staff_id       INTEGER REFERENCES staff (id),
    action         TEXT NOT NULL,
    reference      TEXT,
    client_address TEXT NOT NULL
);

CREATE INDEX audit_by_time ON audit (at);

ALTER TABLE applications ADD COLUMN assignee INTEGER REFERENCES staff (id);

-- Who recorded an event (NULL: the resident, the system or the shell), what the resident is
-- told, the amount granted, and whether it is an internal note the resident never sees.
ALTER TABLE status_events ADD COLUMN staff_id INTEGER REFERENCES staff (id);
ALTER TABLE status_events ADD COLUMN message_to_resident TEXT;
ALTER TABLE status_events ADD COLUMN amount INTEGER;
ALTER TABLE status_events ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
-- Until now `note` was what the resident read; from now on that is `message_to_resident` and
-- `note` is the counsellor's own.
UPDATE status_events SET message_to_resident = note, note = NULL;

ALTER TABLE callbacks ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;

CREATE TABLE callback_events (
    id          INTEGER PRIMARY KEY,
    callback_id INTEGER NOT NULL REFERENCES callbacks (id),
    status      TEXT NOT NULL,
    note        TEXT,
    staff_id    INTEGER REFERENCES staff (id),
    recorded_at TEXT NOT NULL
);

CREATE INDEX callback_events_by_callback ON callback_events (callback_id);
