package dev.roster.mapping.listener;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.IntegrationCreatedDriver;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

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
    void aTenantSeenForTheFirstTimeHasItsSchemaPublishedOnce() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String marker = "t-" + UUID.randomUUID();
        try (TopicProbe schemas = TopicProbe.open(bootstrap, Topics.MAPPING_EVENTS)) {
            driver().deliverTwice(UUID.randomUUID(), tenant, "SCIM", () -> {
            });
            driver().deliver(tenant, "STAFFBASE"); // the tenant's second integration
            driver().deliver(marker, "SCIM");
            // the outbox publishes in write order: once the marker's schema is out, anything before it is too
            schemas.await(r -> r.key().equals(marker), 1, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> published = schemas.poll(r -> r.key().equals(tenant));
            assertEquals(1, published.size());
            JsonNode event = new ObjectMapper().readTree(published.get(0).value());
            assertEquals(EventTypes.CONTACT_SCHEMA_CHANGED, event.path("type").asText());
            assertEquals(1, event.path("data").path("version").asLong());
            assertEquals(15, event.path("data").path("systemFields").size());
            assertEquals(0, event.path("data").path("customFields").size());
        }
        // the tenant's first custom field is version 2 of its schema
        String editor = TestTokens.token("alice", tenant, Permissions.MAPPINGS_EDIT);
        given().auth().oauth2(editor).contentType("application/json")
                .body("{\"key\": \"badge\", \"label\": \"Badge\", \"type\": \"TEXT\"}")
                .post("/api/v1/schema/fields").then().statusCode(201);
        assertEquals(2L, count("SELECT version FROM tenant_schema WHERE tenant_id = '" + tenant + "'"));
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
