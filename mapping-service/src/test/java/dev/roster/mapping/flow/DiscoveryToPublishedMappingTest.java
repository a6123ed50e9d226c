package dev.roster.mapping.flow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.mapping.MappingFixtures;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

/**
 * Over the real broker: the worker's FieldsDiscovered becomes the stored fields and a suggested mapping,
 * published as version 1; an admin's edit is published as version 2 with the edit; a redelivered discovery
 * and the topic's other events change nothing.
 */
@QuarkusTest
class DiscoveryToPublishedMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDITOR = TestTokens.token("alice", "acme", Permissions.MAPPINGS_EDIT);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Test
    void discoverySuggestionEditAndPublish() throws Exception {
        UUID integration = UUID.randomUUID();
        String discoveryId = UUID.randomUUID().toString();
        try (TopicProbe mappings = TopicProbe.open(bootstrap, Topics.MAPPING_EVENTS)) {
            String discovery = MappingFixtures.fieldsDiscovered(discoveryId, integration, "acme");
            try (TestProducer producer = new TestProducer(bootstrap)) {
                producer.send(Topics.INTEGRATION_EVENTS, integration.toString(), TestEvents.integrationCreated(
                        UUID.randomUUID().toString(), integration, "acme", "ENTRA_ID"));
                producer.send(Topics.SYNC_PROGRESS, integration.toString(), TestEvents.envelope(
                        UUID.randomUUID().toString(), EventTypes.JOB_PROGRESS, integration.toString(), "acme", "{}"));
                producer.send(Topics.SYNC_PROGRESS, integration.toString(), discovery);
                producer.send(Topics.SYNC_PROGRESS, integration.toString(), discovery);
            }
            JsonNode v1 = published(mappings, integration, 1);
            assertEquals("email", v1.path("uniqueIdField").asText());
            assertEquals("mail", target(v1, "email").path("sources").get(0).asText());
            assertEquals("EMAIL", target(v1, "email").path("targetType").asText());
            assertEquals("givenName", target(v1, "firstName").path("sources").get(0).asText());
            assertEquals("surname", target(v1, "lastName").path("sources").get(0).asText());
            assertEquals("DATE", target(v1, "hireDate").path("targetType").asText());

            given().auth().oauth2(EDITOR).get("/api/v1/integrations/" + integration + "/mapping")
                    .then().statusCode(200).header("ETag", "\"1\"")
                    .body("version", equalTo(1))
                    .body("fields.size()", equalTo(6))
                    .body("fields[0].source", equalTo("mail"))
                    .body("fields[0].samples[0]", equalTo("Ana.Lima@contoso.com"))
                    .body("fields[0].target", equalTo("email"))
                    .body("fields.find { it.source == 'accountEnabled' }.target", equalTo(null));

            given().auth().oauth2(EDITOR).header("If-Match", "\"1\"").contentType("application/json").body("""
                    {"uniqueIdField": "email",
                     "fields": [
                       {"source": "mail", "target": "email", "transformations": [{"kind": "LOWER_CASE"}]},
                       {"source": "givenName", "target": "displayName",
                        "transformations": [{"kind": "JOIN", "fields": ["surname"], "separator": " "}]}],
                     "exclusions": [{"allOf": [{"attribute": "mail", "operator": "STARTS_WITH", "value": "bot@"}]}]}""")
                    .put("/api/v1/integrations/" + integration + "/mapping")
                    .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));

            JsonNode v2 = published(mappings, integration, 2);
            assertEquals(2, v2.path("fields").size());
            assertEquals("JOIN", target(v2, "displayName").path("transformations").get(0).path("kind").asText());
            assertEquals("bot@", v2.path("exclusions").get(0).path("allOf").get(0).path("value").asText());
            assertFalse(v2.path("uniqueIdFieldChanged").asBoolean());
            assertEquals(2, mappings.poll(r -> r.value().contains(EventTypes.MAPPING_PUBLISHED)
                    && integration.toString().equals(r.key())).size(), "the redelivered discovery published nothing");
        }
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE event_id = ?1").setParameter(1, discoveryId)
                .getSingleResult()).longValue()));
    }

    private static JsonNode published(TopicProbe probe, UUID integration, int version) throws Exception {
        List<ConsumerRecord<String, String>> records = probe.await(r -> r.key() != null
                && r.key().equals(integration.toString()) && r.value().contains(EventTypes.MAPPING_PUBLISHED)
                && r.value().contains("\"version\":" + version), 1, Duration.ofSeconds(30));
        JsonNode event = JSON.readTree(records.get(0).value());
        assertEquals(integration.toString(), event.path("subject").asText());
        assertEquals("acme", event.path("tenantid").asText());
        return event.path("data");
    }

    private static JsonNode target(JsonNode mapping, String target) {
        for (JsonNode field : mapping.path("fields")) {
            if (field.path("target").asText().equals(target)) {
                return field;
            }
        }
        throw new AssertionError("no field onto " + target + " in " + mapping);
    }
}
