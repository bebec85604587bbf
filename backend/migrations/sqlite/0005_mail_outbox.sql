-- E-mail waiting to be sent: written in the same transaction as the event that causes it, sent
-- by the mail worker with retries. Times are milliseconds since 1970, compared as numbers.
-- Once sent, the bodies are emptied: the receipt carries the private link, which is kept
-- nowhere else.
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL,
    claimed_until_ms INTEGER,
    sent_at         TEXT,
    last_error      TEXT
);

CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_ms);
