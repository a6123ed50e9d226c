-- Contacts: one per tenant and unique ID, with the fields merged over every source that supplies it.
CREATE TABLE contact (
    contact_id UUID        PRIMARY KEY,
    tenant_id  TEXT        NOT NULL,
    unique_id  TEXT        NOT NULL,
    fields     JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, unique_id)
);

-- What one integration supplies of a contact: its external id, its own fields, and their hash, so that an
-- unchanged person is recognised without writing anything.
CREATE TABLE contact_link (
    integration_id UUID   NOT NULL,
    source_id      TEXT   NOT NULL,
    contact_id     UUID   NOT NULL REFERENCES contact ON DELETE CASCADE,
    fields         JSONB  NOT NULL,
    content_hash   BIGINT NOT NULL,
    PRIMARY KEY (integration_id, source_id)
);

CREATE INDEX contact_link_contact ON contact_link (contact_id);

-- The source ids each job supplied: the sweep removes the integration's other links. Cheap rows, no index
-- besides the key; deleted when the job completes.
CREATE TABLE job_supplied (
    job_id    UUID NOT NULL,
    source_id TEXT NOT NULL,
    PRIMARY KEY (job_id, source_id)
);

-- Batches applied, by (job, sequence): a batch re-sent under a new event id by a resumed worker is skipped.
CREATE TABLE applied_batch (
    job_id   UUID   NOT NULL,
    sequence BIGINT NOT NULL,
    PRIMARY KEY (job_id, sequence)
);

-- A job's running counts and end, until it is completed.
CREATE TABLE sync_job (
    job_id          UUID    PRIMARY KEY,
    integration_id  UUID    NOT NULL,
    tenant_id       TEXT    NOT NULL,
    batches_applied BIGINT  NOT NULL DEFAULT 0,
    batches_total   BIGINT,
    sweep           BOOLEAN NOT NULL DEFAULT false,
    created         BIGINT  NOT NULL DEFAULT 0,
    updated         BIGINT  NOT NULL DEFAULT 0,
    unchanged       BIGINT  NOT NULL DEFAULT 0,
    removed         BIGINT  NOT NULL DEFAULT 0,
    state           TEXT    NOT NULL DEFAULT 'APPLYING'
);

-- Removals a sweep held back past the deletion threshold, applied exactly when an admin confirms.
CREATE TABLE held_removal (
    job_id    UUID NOT NULL,
    source_id TEXT NOT NULL,
    PRIMARY KEY (job_id, source_id)
);
