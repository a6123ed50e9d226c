-- The fields the worker discovered in each source, with sample values, for the admin to map and for
-- previews and checks on save. Null until the first discovery.
ALTER TABLE integration_mapping ADD COLUMN discovered_fields JSONB;
ALTER TABLE integration_mapping ADD COLUMN discovered_at TIMESTAMPTZ;

-- Each tenant's custom contact fields; system fields are fixed in code.
CREATE TABLE custom_field (
    id         UUID        PRIMARY KEY,
    tenant_id  TEXT        NOT NULL,
    key        TEXT        NOT NULL,
    label      TEXT        NOT NULL,
    type       TEXT        NOT NULL,
    version    INTEGER     NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, key)
);

-- The version of each tenant's contact schema, raised by every change and carried by ContactSchemaChanged.
CREATE TABLE tenant_schema (
    tenant_id TEXT   PRIMARY KEY,
    version   BIGINT NOT NULL
);
