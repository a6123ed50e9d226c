-- Sync jobs: one row per run of an integration, its counts, and the errors of records it could not import.
CREATE TABLE sync_job (
    id                     UUID        PRIMARY KEY,
    integration_id         UUID        NOT NULL REFERENCES integration (id) ON DELETE CASCADE,
    tenant_id              TEXT        NOT NULL,
    state                  TEXT        NOT NULL,
    mode                   TEXT        NOT NULL,
    trigger                TEXT        NOT NULL,
    requested_by           TEXT,
    attempt                INTEGER     NOT NULL,
    mapping_version        INTEGER,
    worker_id              TEXT,
    fetched                BIGINT      NOT NULL DEFAULT 0,
    created                BIGINT      NOT NULL DEFAULT 0,
    updated                BIGINT      NOT NULL DEFAULT 0,
    unchanged              BIGINT      NOT NULL DEFAULT 0,
    removed                BIGINT      NOT NULL DEFAULT 0,
    skipped_excluded       BIGINT      NOT NULL DEFAULT 0,
    skipped_inactive       BIGINT      NOT NULL DEFAULT 0,
    failed                 BIGINT      NOT NULL DEFAULT 0,
    total                  BIGINT,
    held_removals          BIGINT,
    error                  TEXT,
    created_at             TIMESTAMPTZ NOT NULL,
    started_at             TIMESTAMPTZ,
    finished_at            TIMESTAMPTZ,
    last_progress_at       TIMESTAMPTZ NOT NULL,
    deletions_confirmed_at TIMESTAMPTZ,
    deletions_confirmed_by TEXT
);

-- One job per integration at a time, whichever replica starts it.
CREATE UNIQUE INDEX sync_job_one_active ON sync_job (integration_id) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX sync_job_history ON sync_job (integration_id, created_at DESC, id DESC);
CREATE INDEX sync_job_active ON sync_job (last_progress_at) WHERE state IN ('QUEUED', 'RUNNING');

CREATE TABLE sync_job_error (
    job_id           UUID    NOT NULL REFERENCES sync_job (id) ON DELETE CASCADE,
    seq              BIGINT  NOT NULL,
    source_record_id TEXT,
    field            TEXT,
    reason           TEXT    NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- The integration's health, as its last jobs left it.
ALTER TABLE integration
    ADD COLUMN last_sync_state      TEXT,
    ADD COLUMN last_error           TEXT,
    ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
