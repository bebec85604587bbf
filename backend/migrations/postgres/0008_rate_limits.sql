-- Per-client request budgets shared by the instances (see limits.rs): when each client's budget
-- is whole again, in milliseconds since 1970.
CREATE TABLE rate_limits (
    budget      TEXT NOT NULL,
    client      TEXT NOT NULL,
    whole_at_ms BIGINT NOT NULL,
    PRIMARY KEY (budget, client)
);

CREATE INDEX rate_limits_by_time ON rate_limits (whole_at_ms);
