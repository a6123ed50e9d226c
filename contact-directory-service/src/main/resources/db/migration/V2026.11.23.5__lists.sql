-- Distribution lists: STATIC lists keep their members in list_member; DYNAMIC lists keep a saved filter
-- (the contacts API's filter, q and source) that is resolved each time the list is read. Names are unique per
-- tenant, ignoring case. version is the ETag a change's If-Match must send.
CREATE TABLE distribution_list (
    list_id     UUID        PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    description TEXT,
    list_type   TEXT        NOT NULL CHECK (list_type IN ('STATIC', 'DYNAMIC')),
    filter      JSONB,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL,
    CHECK ((list_type = 'DYNAMIC') = (filter IS NOT NULL))
);

-- Also the keyset order of the lists API (by name).
CREATE UNIQUE INDEX distribution_list_name ON distribution_list (tenant_id, lower(name));

-- The members of static lists. A contact that is deleted leaves its lists: the service deletes its rows (and
-- announces it) before deleting the contact; the cascade is only a safety net.
CREATE TABLE list_member (
    list_id    UUID        NOT NULL REFERENCES distribution_list ON DELETE CASCADE,
    contact_id UUID        NOT NULL REFERENCES contact ON DELETE CASCADE,
    added_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (list_id, contact_id)
);

CREATE INDEX list_member_contact ON list_member (contact_id);
