-- What the worker's discovery said of each integration's connection: the newest request, and its answer.
-- Kept beside the integration rather than in it, so that an answer arriving does not change the
-- integration's version (its ETag) under an admin who is editing it.
CREATE TABLE connection_check (
    integration_id UUID        PRIMARY KEY REFERENCES integration (id) ON DELETE CASCADE,
    request_id     UUID        NOT NULL,
    status         TEXT        NOT NULL,
    error          TEXT,
    fields         INT,
    requested_at   TIMESTAMPTZ NOT NULL,
    checked_at     TIMESTAMPTZ
);
