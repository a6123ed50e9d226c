package dev.roster.commons.events;

/** The CloudEvents {@code type} of each Roster event. */
public final class EventTypes {

    public static final String INTEGRATION_CREATED = "dev.roster.integration.created.v1";
    public static final String INTEGRATION_UPDATED = "dev.roster.integration.updated.v1";
    public static final String INTEGRATION_DELETED = "dev.roster.integration.deleted.v1";
    public static final String DISCOVERY_REQUESTED = "dev.roster.sync.discovery-requested.v1";

    private EventTypes() {
    }
}
