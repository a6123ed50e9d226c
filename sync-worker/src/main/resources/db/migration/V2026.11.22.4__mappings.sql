-- The newest mapping mapping-service published for each integration, as published (the event's data), so a
-- job applies it without asking mapping-service. An event older than the stored version is ignored.
CREATE TABLE published_mapping (
    integration_id UUID        PRIMARY KEY,
    version        INTEGER     NOT NULL,
    mapping        JSONB       NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL
);

-- Set when a published mapping changed the unique contact ID field: contacts are then keyed differently, so
-- the next sync reads the whole source (and sweeps) even if an incremental one was asked for. A full read
-- that started after it clears it (one that started before applied the old mapping).
ALTER TABLE source_state ADD COLUMN full_sync_required_since TIMESTAMPTZ;
