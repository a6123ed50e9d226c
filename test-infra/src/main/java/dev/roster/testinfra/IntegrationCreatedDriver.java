package dev.roster.testinfra;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Plays integration-service for a consumer under test: sends IntegrationCreated events and waits until the
 * consumer has applied them ({@code awaitApplied} polls the consumer's own state for the integration).
 */
public final class IntegrationCreatedDriver {

    private static final String TOPIC = "roster.integration-events";

    private final String bootstrapServers;
    private final Consumer<UUID> awaitApplied;

    public IntegrationCreatedDriver(String bootstrapServers, Consumer<UUID> awaitApplied) {
        this.bootstrapServers = bootstrapServers;
        this.awaitApplied = awaitApplied;
    }

    /** Delivers the creation of a new integration once and waits until it is applied; returns its id. */
    public UUID deliver(String tenant, String sourceType) {
        UUID integration = UUID.randomUUID();
        try (TestProducer producer = new TestProducer(bootstrapServers)) {
            send(producer, UUID.randomUUID().toString(), integration, tenant, sourceType);
        }
        awaitApplied.accept(integration);
        return integration;
    }

    /**
     * Delivers an integration's creation, runs {@code between} once it is applied (a later change the
     * redelivery must not undo), delivers the very same event again, and returns once the redelivery has
     * been consumed: a later event on the same key has been applied after it. Returns the event id.
     */
    public String deliverTwice(UUID integration, String tenant, String sourceType, Runnable between) {
        String eventId = UUID.randomUUID().toString();
        try (TestProducer producer = new TestProducer(bootstrapServers)) {
            send(producer, eventId, integration, tenant, sourceType);
            awaitApplied.accept(integration);
            between.run();
            send(producer, eventId, integration, tenant, sourceType);
            UUID marker = UUID.randomUUID();
            producer.send(TOPIC, integration.toString(),
                    TestEvents.integrationCreated(UUID.randomUUID().toString(), marker, tenant, "CSV"));
            awaitApplied.accept(marker);
        }
        return eventId;
    }

    private static void send(TestProducer producer, String eventId, UUID integration, String tenant,
            String sourceType) {
        producer.send(TOPIC, integration.toString(),
                TestEvents.integrationCreated(eventId, integration, tenant, sourceType));
    }
}
