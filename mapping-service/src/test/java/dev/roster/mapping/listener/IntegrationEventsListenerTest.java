package dev.roster.mapping.listener;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.IntegrationCreatedDriver;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TestTokens;

@QuarkusTest
class IntegrationEventsListenerTest {

    private static final String EDITOR = TestTokens.token("alice", "acme", Permissions.MAPPINGS_EDIT);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Test
    void aNewIntegrationGetsItsEmptyMapping() {
        UUID integration = driver().deliver("acme", "STAFFBASE");
        given().auth().oauth2(EDITOR).get("/api/v1/integrations/" + integration + "/mapping")
                .then().statusCode(200)
                .body("version", equalTo(0))
                .body("uniqueIdField", equalTo("email"))
                .body("acceptedStatuses", equalTo(java.util.List.of("activated", "pending")));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        UUID integration = UUID.randomUUID();
        // An admin's later change must survive a redelivery of the creation event.
        String eventId = driver().deliverTwice(integration, "acme", "SCIM",
                () -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE integration_mapping SET version = 3, unique_id_field = 'employeeId'"
                                + " WHERE integration_id = ?1")
                        .setParameter(1, integration).executeUpdate()));
        given().auth().oauth2(EDITOR).get("/api/v1/integrations/" + integration + "/mapping")
                .then().statusCode(200)
                .body("version", equalTo(3))
                .body("uniqueIdField", equalTo("employeeId"));
        assertEquals(1L, count("SELECT count(*) FROM processed_event WHERE event_id = '" + eventId + "'"));
    }

    @Test
    void aMessageThatIsNotAnEventIsSetAsideAndConsumptionGoesOn() {
        UUID integration = UUID.randomUUID();
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.INTEGRATION_EVENTS, "garbage", "{not json");
            producer.send(Topics.INTEGRATION_EVENTS, "garbage", "{not json");
            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(),
                    TestEvents.integrationCreated(UUID.randomUUID().toString(), integration, "acme", "WORKDAY"));
        }
        awaitMapping(integration);
    }

    private IntegrationCreatedDriver driver() {
        return new IntegrationCreatedDriver(bootstrap, this::awaitMapping);
    }

    private void awaitMapping(UUID integration) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM integration_mapping WHERE integration_id = '" + integration + "'") == 1);
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
