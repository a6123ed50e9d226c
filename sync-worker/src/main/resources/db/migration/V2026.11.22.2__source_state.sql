-- What the worker must remember of each source between jobs, so that no worker holds state a restart can
-- lose: whether the source's fields still need discovering, and (for Graph) the delta link of the last sync.
CREATE TABLE source_state (
    integration_id   UUID        PRIMARY KEY,
    tenant_id        TEXT        NOT NULL,
    source_type      TEXT        NOT NULL,
    discovery_status TEXT        NOT NULL,
    delta_link       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX source_state_discovery ON source_state (discovery_status) WHERE discovery_status = 'PENDING';
