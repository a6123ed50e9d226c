package dev.roster.commons.events;

/** The CloudEvents {@code type} of each Roster event. */
public final class EventTypes {

    public static final String INTEGRATION_CREATED = "dev.roster.integration.created.v1";

    private EventTypes() {
    }
}
