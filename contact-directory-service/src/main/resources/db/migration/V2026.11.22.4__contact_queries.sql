-- Filters users run often: a btree per (tenant, field, sort key, id), so that a filtered, sorted page is an
-- index range scan. The sort key is the field's text, '' when absent, as ContactQuery orders by it.
CREATE INDEX contact_by_last_name ON contact (tenant_id, (COALESCE(fields ->> 'lastName', '')), contact_id);
CREATE INDEX contact_department_by_last_name
    ON contact (tenant_id, (fields ->> 'department'), (COALESCE(fields ->> 'lastName', '')), contact_id);
CREATE INDEX contact_city_by_last_name
    ON contact (tenant_id, (fields ->> 'city'), (COALESCE(fields ->> 'lastName', '')), contact_id);
CREATE INDEX contact_country_by_last_name
    ON contact (tenant_id, (fields ->> 'country'), (COALESCE(fields ->> 'lastName', '')), contact_id);
CREATE INDEX contact_by_email ON contact (tenant_id, (COALESCE(fields ->> 'email', '')), contact_id);

-- Contacts deleted through the API: who and when. The contact comes back with the next sync that still
-- supplies the person.
CREATE TABLE contact_deletion (
    contact_id UUID        PRIMARY KEY,
    tenant_id  TEXT        NOT NULL,
    unique_id  TEXT        NOT NULL,
    deleted_by TEXT        NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL
);
