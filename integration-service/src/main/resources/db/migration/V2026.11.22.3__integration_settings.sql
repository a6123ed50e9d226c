-- Connection settings, write-only credentials and the schedule of each integration.
ALTER TABLE integration
    ADD COLUMN connection                JSONB   NOT NULL DEFAULT '{}',
    ADD COLUMN credentials_key_id        TEXT,
    ADD COLUMN credentials_ciphertext    BYTEA,
    ADD COLUMN credential_names          JSONB   NOT NULL DEFAULT '[]',
    ADD COLUMN schedule_kind             TEXT    NOT NULL DEFAULT 'INTERVAL',
    ADD COLUMN schedule_interval_seconds BIGINT,
    ADD COLUMN schedule_cron             TEXT,
    ADD COLUMN schedule_paused           BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN next_run_at               TIMESTAMPTZ,
    ADD COLUMN last_sync_at              TIMESTAMPTZ;

ALTER TABLE integration ALTER COLUMN connection DROP DEFAULT;

-- At most one Staffbase integration per tenant.
CREATE UNIQUE INDEX integration_one_staffbase_per_tenant ON integration (tenant_id) WHERE source_type = 'STAFFBASE';

-- The scheduler's question: which schedules are due?
CREATE INDEX integration_due ON integration (next_run_at) WHERE schedule_paused = FALSE;
