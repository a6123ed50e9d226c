-- The integrations that supply contacts to each tenant's directory. Where two sources disagree on a field,
-- the one with the higher priority wins; by default the oldest integration (see the sync rules).
CREATE TABLE source_integration (
    integration_id UUID        PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    source_type    TEXT        NOT NULL,
    priority       INTEGER,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE INDEX source_integration_tenant ON source_integration (tenant_id, created_at, integration_id);
