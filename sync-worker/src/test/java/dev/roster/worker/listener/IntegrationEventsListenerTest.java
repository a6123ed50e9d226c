package dev.roster.worker.listener;

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

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.testinfra.IntegrationCreatedDriver;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;
import dev.roster.worker.source.SourceState;
import dev.roster.worker.source.SourceState.DiscoveryStatus;

@QuarkusTest
class IntegrationEventsListenerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Test
    void aNewSourceAwaitsDiscovery() {
        UUID integration = driver().deliver("globex", "SALESFORCE");
        SourceState state = awaitState(integration);
        assertEquals("globex", state.tenantId);
        assertEquals("SALESFORCE", state.sourceType);
        assertEquals(DiscoveryStatus.PENDING, state.discoveryStatus);
        assertEquals(null, state.deltaLink);
    }

    @Test
    void aRedeliveredEventDoesNotForgetWhatTheWorkerLearned() {
        UUID integration = UUID.randomUUID();
        String eventId = driver().deliverTwice(integration, "acme", "ENTRA_ID",
                () -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE source_state SET discovery_status = 'DISCOVERED',"
                                + " delta_link = 'https://graph/delta?token=1' WHERE integration_id = ?1")
                        .setParameter(1, integration).executeUpdate()));
        SourceState state = awaitState(integration);
        assertEquals(DiscoveryStatus.DISCOVERED, state.discoveryStatus);
        assertEquals("https://graph/delta?token=1", state.deltaLink);
        assertEquals(List.of(1L), QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1", Long.class)
                .setParameter(1, eventId).getResultList()));
    }

    @Test
    void aDeletedIntegrationIsForgottenAndItsUnfinishedJobCancelledOnce() {
        UUID integration = driver().deliver("acme", "SCIM");
        UUID running = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            // a job another worker is running (its lease still valid) and one that ended earlier
            em.createNativeQuery(
                    """
                            INSERT INTO sync_run (job_id, integration_id, tenant_id, source_type, requested_mode, attempt, state,
                                                  owner, lease_until, requested_at)
                            VALUES (?1, ?2, 'acme', 'SCIM', 'FULL', 1, 'RUNNING', 'elsewhere', now() + interval '1 hour',
                                    now())""")
                    .setParameter(1, running).setParameter(2, integration).executeUpdate();
            em.createNativeQuery(
                    """
                            INSERT INTO sync_run (job_id, integration_id, tenant_id, source_type, requested_mode, attempt, state,
                                                  requested_at, ended_at)
                            VALUES (?1, ?2, 'acme', 'SCIM', 'FULL', 1, 'ENDED', now(), now())""")
                    .setParameter(1, ended)
                    .setParameter(2, integration).executeUpdate();
        });
        String eventId = UUID.randomUUID().toString();
        String deleted = TestEvents.envelope(eventId, EventTypes.INTEGRATION_DELETED, integration.toString(), "acme",
                """
                        {"integrationId":"%s","tenantId":"acme","deletedBy":"alice","deletedAt":"%s"}"""
                        .formatted(integration, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)));
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(), deleted);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> SourceState.findById(integration) == null));
            assertEquals("CANCELLED", state(running), "the running job's worker finds it gone at its next write");
            assertEquals("ENDED", state(ended), "a finished job stays as it was");

            // redelivered after the source's row came back (as if re-created): applying it again would delete it
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    INSERT INTO source_state (integration_id, tenant_id, source_type, discovery_status, created_at,
                                              updated_at)
                    VALUES (?1, 'acme', 'SCIM', 'DISCOVERED', now(), now())""").setParameter(1, integration)
                    .executeUpdate());
            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(), deleted);
            // a marker behind it on the same partition: once the marker is applied, so was the redelivery
            UUID marker = UUID.randomUUID();
            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(),
                    TestEvents.integrationCreated(UUID.randomUUID().toString(), marker, "acme", "CSV"));
            awaitState(marker);
            assertEquals(DiscoveryStatus.DISCOVERED, awaitState(integration).discoveryStatus,
                    "the redelivery was recognised and applied nothing");
        }
    }

    private String state(UUID job) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT state FROM sync_run WHERE job_id = ?1").setParameter(1, job)
                .getSingleResult());
    }

    private IntegrationCreatedDriver driver() {
        return new IntegrationCreatedDriver(bootstrap, this::awaitState);
    }

    private SourceState awaitState(UUID integration) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> SourceState.<SourceState>findById(integration)),
                        found -> found != null);
    }
}
