-- The sync jobs this worker group was asked to run, and where each one got to. The table is the worker
-- group's queue: a request from Kafka becomes a row, any worker claims a row (FOR UPDATE SKIP LOCKED), keeps
-- a lease on it while it runs, and checkpoints the source cursor, the next batch sequence and the counts.
-- A worker that dies stops renewing its lease and another one resumes from the checkpoint. A newer attempt
-- (integration-service handing a stalled job over) fences off the older one: every write names the attempt.
CREATE TABLE sync_run (
    job_id             UUID        PRIMARY KEY,
    integration_id     UUID        NOT NULL,
    tenant_id          TEXT        NOT NULL,
    source_type        TEXT        NOT NULL,
    requested_mode     TEXT        NOT NULL,
    mode               TEXT,
    attempt            INT         NOT NULL,
    claims             INT         NOT NULL DEFAULT 0,
    state              TEXT        NOT NULL,
    cursor             TEXT,
    next_sequence      BIGINT      NOT NULL DEFAULT 1,
    next_error_batch   BIGINT      NOT NULL DEFAULT 0,
    mapping_version    INT,
    fetched            BIGINT      NOT NULL DEFAULT 0,
    skipped_inactive   BIGINT      NOT NULL DEFAULT 0,
    skipped_excluded   BIGINT      NOT NULL DEFAULT 0,
    failed             BIGINT      NOT NULL DEFAULT 0,
    total              BIGINT,
    owner              TEXT,
    lease_until        TIMESTAMPTZ,
    error              TEXT,
    requested_at       TIMESTAMPTZ NOT NULL,
    started_at         TIMESTAMPTZ,
    checkpoint_at      TIMESTAMPTZ,
    ended_at           TIMESTAMPTZ
);

CREATE INDEX sync_run_runnable ON sync_run (requested_at) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX sync_run_integration ON sync_run (integration_id);

-- Discovery requests: the newest request of a source, and the lease of the worker answering it.
ALTER TABLE source_state ADD COLUMN discovery_request_id UUID;
ALTER TABLE source_state ADD COLUMN discovery_lease_until TIMESTAMPTZ;
ALTER TABLE source_state ADD COLUMN discovery_error TEXT;
