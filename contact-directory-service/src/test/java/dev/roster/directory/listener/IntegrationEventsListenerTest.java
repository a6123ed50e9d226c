package dev.roster.directory.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.Topics;
import dev.roster.directory.source.SourceIntegration;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;

@QuarkusTest
class IntegrationEventsListenerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Test
    void aNewIntegrationBecomesASourceOfItsTenant() {
        UUID integration = UUID.randomUUID();
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(),
                    TestEvents.integrationCreated(UUID.randomUUID().toString(), integration, "acme", "ENTRA_ID"));
        }
        SourceIntegration source = awaitSource(integration);
        assertEquals("acme", source.tenantId);
        assertEquals("ENTRA_ID", source.sourceType);
        assertEquals("Test source", source.name);
        assertEquals(null, source.priority);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        UUID integration = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String event = TestEvents.integrationCreated(eventId, integration, "acme", "STAFFBASE");
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(), event);
            awaitSource(integration);
            QuarkusTransaction.requiringNew().run(() -> em
                    .createNativeQuery("UPDATE source_integration SET priority = 5 WHERE integration_id = ?1")
                    .setParameter(1, integration).executeUpdate());

            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(), event);
            UUID marker = UUID.randomUUID();
            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(),
                    TestEvents.integrationCreated(UUID.randomUUID().toString(), marker, "acme", "CSV"));
            awaitSource(marker);
        }
        assertEquals(5, awaitSource(integration).priority);
        assertEquals(List.of(1L), QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1", Long.class)
                .setParameter(1, eventId).getResultList()));
    }

    private SourceIntegration awaitSource(UUID integration) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> SourceIntegration.<SourceIntegration>findById(integration)),
                        found -> found != null);
    }
}
