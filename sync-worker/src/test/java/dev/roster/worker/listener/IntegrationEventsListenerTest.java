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

import dev.roster.testinfra.IntegrationCreatedDriver;
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
