-- Each tenant's custom contact fields, as mapping-service last published them (ContactSchemaChanged): the
-- directory needs their types to filter and sort typed values. Only a newer version replaces a row.
CREATE TABLE tenant_schema (
    tenant_id     TEXT        PRIMARY KEY,
    version       BIGINT      NOT NULL,
    custom_fields JSONB       NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL
);
