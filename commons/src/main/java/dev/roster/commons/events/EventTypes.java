package dev.roster.commons.events;

/** The CloudEvents {@code type} of each Roster event. */
public final class EventTypes {

    public static final String INTEGRATION_CREATED = "dev.roster.integration.created.v1";
    public static final String INTEGRATION_UPDATED = "dev.roster.integration.updated.v1";
    public static final String INTEGRATION_DELETED = "dev.roster.integration.deleted.v1";
    public static final String DISCOVERY_REQUESTED = "dev.roster.sync.discovery-requested.v1";
    public static final String SYNC_REQUESTED = "dev.roster.sync.requested.v1";
    public static final String JOB_STARTED = "dev.roster.sync.job-started.v1";
    public static final String JOB_PROGRESS = "dev.roster.sync.job-progress.v1";
    public static final String RECORD_ERRORS = "dev.roster.sync.record-errors.v1";
    public static final String JOB_COMPLETED = "dev.roster.sync.job-completed.v1";
    public static final String JOB_FAILED = "dev.roster.sync.job-failed.v1";
    public static final String DELETIONS_CONFIRMED = "dev.roster.sync.deletions-confirmed.v1";
    public static final String FIELDS_DISCOVERED = "dev.roster.sync.fields-discovered.v1";
    public static final String DISCOVERY_FAILED = "dev.roster.sync.discovery-failed.v1";
    public static final String CONTACT_UPSERT_BATCH = "dev.roster.contact.upsert-batch.v1";
    public static final String SYNC_ENDED = "dev.roster.contact.sync-ended.v1";
    public static final String CONTACT_SCHEMA_CHANGED = "dev.roster.mapping.schema-changed.v1";
    public static final String MAPPING_PUBLISHED = "dev.roster.mapping.mapping-published.v1";
    public static final String CONTACT_CREATED = "dev.roster.contact.created.v1";
    public static final String CONTACT_UPDATED = "dev.roster.contact.updated.v1";
    public static final String CONTACT_DELETED = "dev.roster.contact.deleted.v1";
    // lists
    public static final String CONTACT_ADDED_TO_LIST = "dev.roster.contact.added-to-list.v1";
    public static final String CONTACT_REMOVED_FROM_LIST = "dev.roster.contact.removed-from-list.v1";
    // spaces
    public static final String CONTACT_ADDED_TO_SPACE = "dev.roster.contact.added-to-space.v1";
    public static final String CONTACT_REMOVED_FROM_SPACE = "dev.roster.contact.removed-from-space.v1";
    public static final String SPACE_ROLE_CHANGED = "dev.roster.contact.space-role-changed.v1";
    public static final String INVITATION_REQUESTED = "dev.roster.space.invitation-requested.v1";

    private EventTypes() {
    }
}
