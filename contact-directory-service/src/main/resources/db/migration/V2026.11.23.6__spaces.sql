-- Spaces: organizations (with a seat limit) hold labs, labs hold challenges.
CREATE TABLE space (
    space_id        UUID        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    type            TEXT        NOT NULL CHECK (type IN ('ORGANIZATION', 'LAB', 'CHALLENGE')),
    name            TEXT        NOT NULL,
    parent_id       UUID        REFERENCES space ON DELETE CASCADE,
    organization_id UUID        NOT NULL,
    user_limit      INT,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    CHECK ((type = 'ORGANIZATION') = (parent_id IS NULL)),
    CHECK ((type = 'ORGANIZATION') = (user_limit IS NOT NULL))
);

CREATE INDEX space_by_tenant ON space (tenant_id, created_at, space_id);

-- The users (OIDC subjects) who administer an organization: its creator as owner, and whoever accepts an
-- invitation to an owner or admin role.
CREATE TABLE space_admin (
    organization_id UUID NOT NULL REFERENCES space ON DELETE CASCADE,
    subject         TEXT NOT NULL,
    role            TEXT NOT NULL,
    PRIMARY KEY (organization_id, subject)
);

-- Members are directory contacts; a member of a lab or challenge is also a member of its organization, so the
-- organization's members are its seats in use.
CREATE TABLE space_member (
    space_id        UUID        NOT NULL REFERENCES space ON DELETE CASCADE,
    contact_id      UUID        NOT NULL REFERENCES contact ON DELETE CASCADE,
    organization_id UUID        NOT NULL,
    role            TEXT        NOT NULL,
    added_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (space_id, contact_id)
);

CREATE INDEX space_member_contact ON space_member (contact_id);

-- Invitations: only a hash of the single-use token is kept. Kept after the contact is gone (REVOKED).
CREATE TABLE invitation (
    invitation_id UUID        PRIMARY KEY,
    space_id      UUID        NOT NULL REFERENCES space ON DELETE CASCADE,
    contact_id    UUID        NOT NULL,
    import_id     UUID        NOT NULL,
    token_hash    TEXT        NOT NULL UNIQUE,
    status        TEXT        NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'EXPIRED', 'REVOKED')),
    role          TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    accepted_by   TEXT,
    accepted_at   TIMESTAMPTZ
);

CREATE INDEX invitation_by_space ON invitation (space_id, created_at, invitation_id);
CREATE INDEX invitation_pending_by_contact ON invitation (contact_id) WHERE status = 'PENDING';
