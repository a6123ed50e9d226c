-- The mapping of each integration: imported fields onto contact fields, the unique ID, exclusions and the
-- accepted source statuses. Version 0 is the empty mapping made when the integration is created.
CREATE TABLE integration_mapping (
    integration_id    UUID        PRIMARY KEY,
    tenant_id         TEXT        NOT NULL,
    source_type       TEXT        NOT NULL,
    version           INTEGER     NOT NULL,
    unique_id_field   TEXT        NOT NULL,
    fields            JSONB       NOT NULL,
    exclusions        JSONB       NOT NULL,
    accepted_statuses JSONB       NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE INDEX integration_mapping_tenant ON integration_mapping (tenant_id, integration_id);
