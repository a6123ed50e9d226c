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

import dev.roster.directory.source.SourceIntegration;
import dev.roster.testinfra.IntegrationCreatedDriver;

@QuarkusTest
class IntegrationEventsListenerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Test
    void aNewIntegrationBecomesASourceOfItsTenant() {
        UUID integration = driver().deliver("acme", "ENTRA_ID");
        SourceIntegration source = awaitSource(integration);
        assertEquals("acme", source.tenantId);
        assertEquals("ENTRA_ID", source.sourceType);
        assertEquals("Test source", source.name);
        assertEquals(null, source.priority);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        UUID integration = UUID.randomUUID();
        String eventId = driver().deliverTwice(integration, "acme", "STAFFBASE",
                () -> QuarkusTransaction.requiringNew().run(() -> em
                        .createNativeQuery("UPDATE source_integration SET priority = 5 WHERE integration_id = ?1")
                        .setParameter(1, integration).executeUpdate()));
        assertEquals(5, awaitSource(integration).priority);
        assertEquals(List.of(1L), QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1", Long.class)
                .setParameter(1, eventId).getResultList()));
    }

    private IntegrationCreatedDriver driver() {
        return new IntegrationCreatedDriver(bootstrap, this::awaitSource);
    }

    private SourceIntegration awaitSource(UUID integration) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> SourceIntegration.<SourceIntegration>findById(integration)),
                        found -> found != null);
    }
}
