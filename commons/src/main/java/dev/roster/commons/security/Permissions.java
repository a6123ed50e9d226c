package dev.roster.commons.security;

import java.util.Set;

/**
 * The permissions a token can grant, as role names. Identity providers put them in the token's roles
 * (Keycloak realm roles, or the {@code groups} claim); {@link #PARENT_ADMIN} grants all of them.
 */
public final class Permissions {

    /** Create and edit integrations, start syncs, confirm held deletions. */
    public static final String INTEGRATIONS_EDIT = "integrations-edit";
    /** Edit field mappings and exclusion rules. */
    public static final String MAPPINGS_EDIT = "mappings-edit";
    public static final String CONTACTS_READ = "contacts-read";
    public static final String CONTACTS_DELETE = "contacts-delete";
    public static final String LISTS_MANAGE = "lists-manage";
    public static final String SPACES_MANAGE = "spaces-manage";
    /** An administrator of the parent organization: every permission, and may delete anyone's integration. */
    public static final String PARENT_ADMIN = "parent-admin";

    /**
     * The sync worker's service account (client credentials): may read an integration's connection and
     * secrets. Not a user permission; a parent admin does not have it.
     */
    public static final String SYNC_WORKER = "roster-sync-worker";

    public static final Set<String> ALL = Set.of(INTEGRATIONS_EDIT, MAPPINGS_EDIT, CONTACTS_READ, CONTACTS_DELETE,
            LISTS_MANAGE, SPACES_MANAGE);

    private Permissions() {
    }
}
