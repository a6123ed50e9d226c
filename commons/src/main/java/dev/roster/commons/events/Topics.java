package dev.roster.commons.events;

/** The Kafka topics of Roster; docs/asyncapi.yaml describes what travels on each. */
public final class Topics {

    /** Integrations created, updated and deleted; key: integration id. */
    public static final String INTEGRATION_EVENTS = "roster.integration-events";
    /** Discovery and sync requests; key: integration id. */
    public static final String SYNC_REQUESTS = "roster.sync-requests";
    /** Job progress and discovered fields; key: job id. */
    public static final String SYNC_PROGRESS = "roster.sync-progress";
    /** Published mappings; key: integration id. */
    public static final String MAPPING_EVENTS = "roster.mapping-events";
    /** Contact upsert batches and sweeps; key: integration id. */
    public static final String CONTACT_COMMANDS = "roster.contact-commands";
    /** Contact changes for other systems; key: contact id. */
    public static final String CONTACT_EVENTS = "roster.contact-events";
    /** Invitations for the mail sender; key: space id. */
    public static final String INVITATIONS = "roster.invitations";

    private Topics() {
    }
}
