-- The spouse's or cohabitant's own part of a financial-assistance application. The partner is
-- invited by e-mail with a private link; only the links' hashes are kept (one per invitation or
-- reminder, all valid until the part arrives), and the part itself once they confirm it.
CREATE TABLE partner_parts (
    application_id   INTEGER PRIMARY KEY REFERENCES applications (id),
    invited_at       TEXT NOT NULL,
    reminders        INTEGER NOT NULL DEFAULT 0,
    last_invited_at  TEXT NOT NULL,
    answered_at      TEXT,
    -- `application::PartnerPart` as JSON, and the hash of the request that sent it (a retry of
    -- the same bytes gets the same receipt).
    part             TEXT,
    request_hash     TEXT,
    language         TEXT
);

CREATE TABLE partner_links (
    token_hash     TEXT PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES partner_parts (application_id),
    created_at     TEXT NOT NULL
);
