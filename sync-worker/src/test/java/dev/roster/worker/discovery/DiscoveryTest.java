package dev.roster.worker.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TopicProbe;
import dev.roster.worker.IntegrationServiceStandIn;

/** A discovery request makes the worker read the source's first records and publish its fields. */
@QuarkusTest
class DiscoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SourceSimulator simulator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void startSimulator() {
        simulator = SourceSimulator.start(new Population(7, 1_000));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void theFieldsOfAStaffbaseSourceWithTypesAndSamples() throws Exception {
        UUID integration = staffbase(SourceSimulator.DEFAULT_STAFFBASE_TOKEN);
        UUID request = UUID.randomUUID();
        JsonNode discovered = discover(integration, "STAFFBASE", request, EventTypes.FIELDS_DISCOVERED);

        assertEquals(request.toString(), discovered.path("requestId").asText());
        assertEquals("STAFFBASE", discovered.path("sourceType").asText());
        assertEquals(200, discovered.path("recordsRead").asLong(), "roster.worker.discovery-records");
        Map<String, JsonNode> fields = new HashMap<>();
        discovered.path("fields").forEach(f -> fields.put(f.path("name").asText(), f));
        assertEquals("TEXT", fields.get("firstName").path("type").asText());
        assertEquals(3, fields.get("firstName").path("samples").size());
        assertTrue(fields.get("emails.value").path("samples").get(0).asText().contains("@"),
                "an array stands for its primary element");
        assertEquals("DATE", fields.get("profile.hireDate").path("type").asText(),
                "nested objects by dotted path; a date although one person in 131 has a malformed one");
        assertTrue(fields.containsKey("profile.city"));
        List<String> names = discovered.path("fields").findValuesAsText("name");
        assertEquals("id", names.get(0), "in the order first met");
    }

    @Test
    void typesAreInferredFromTheSamples() throws Exception {
        UUID integration = UUID.randomUUID();
        IntegrationServiceStandIn.register(integration, "acme", "ENTRA_ID", """
                {"directoryTenantId": "%s", "clientId": "%s", "authorityUrl": "%s", "graphUrl": "%s"}"""
                .formatted(SourceSimulator.DEFAULT_GRAPH_TENANT, SourceSimulator.DEFAULT_GRAPH_CLIENT_ID,
                        simulator.baseUrl(), simulator.baseUrl()),
                "{\"clientSecret\": \"%s\"}".formatted(SourceSimulator.DEFAULT_GRAPH_CLIENT_SECRET));
        JsonNode discovered = discover(integration, "ENTRA_ID", UUID.randomUUID(), EventTypes.FIELDS_DISCOVERED);
        Map<String, String> types = new HashMap<>();
        discovered.path("fields").forEach(f -> types.put(f.path("name").asText(), f.path("type").asText()));
        assertEquals("BOOLEAN", types.get("accountEnabled"));
        assertEquals("TEXT", types.get("mail"));
        assertEquals("TEXT", types.get("businessPhones"), "a phone number is text");
        assertFalse(types.containsKey("@odata.context"));
    }

    @Test
    void refusedCredentialsAreReportedAsAFailedDiscoveryWithoutTheSecret() throws Exception {
        UUID integration = staffbase("bm90LXRoZS10b2tlbg==");
        JsonNode failed = discover(integration, "STAFFBASE", UUID.randomUUID(), EventTypes.DISCOVERY_FAILED);
        assertTrue(failed.path("reason").asText().contains("refused"), failed.toString());
        assertFalse(failed.toString().contains("bm90LXRoZS10b2tlbg=="));
    }

    @Test
    void aRedeliveredRequestIsAnsweredOnce() throws Exception {
        UUID integration = staffbase(SourceSimulator.DEFAULT_STAFFBASE_TOKEN);
        UUID marker = staffbase(SourceSimulator.DEFAULT_STAFFBASE_TOKEN);
        String request = TestEvents.envelope(UUID.randomUUID().toString(), EventTypes.DISCOVERY_REQUESTED,
                integration.toString(), "acme", """
                        {"requestId":"%s","integrationId":"%s","tenantId":"acme","sourceType":"STAFFBASE",
                         "requestedAt":"%s"}""".formatted(UUID.randomUUID(), integration,
                        OffsetDateTime.now(ZoneOffset.UTC)));
        try (TopicProbe progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), request);
            progress.await(r -> r.key().equals(integration.toString()), 1, Duration.ofSeconds(30));
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), request);
            // a request behind the redelivery on the same partition: once it is answered, so would the redelivery be
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), TestEvents.envelope(
                    UUID.randomUUID().toString(), EventTypes.DISCOVERY_REQUESTED, marker.toString(), "acme", """
                            {"requestId":"%s","integrationId":"%s","tenantId":"acme","sourceType":"STAFFBASE",
                             "requestedAt":"%s"}""".formatted(UUID.randomUUID(), marker,
                            OffsetDateTime.now(ZoneOffset.UTC))));
            progress.await(r -> r.key().equals(marker.toString()), 1, Duration.ofSeconds(30));
            assertEquals(1, progress.poll(r -> r.key().equals(integration.toString())).size());
        }
    }

    private UUID staffbase(String token) {
        UUID integration = UUID.randomUUID();
        IntegrationServiceStandIn.register(integration, "acme", "STAFFBASE", """
                {"baseUrl": "%s", "pageSize": 100, "apiVersion": "V1"}""".formatted(simulator.baseUrl()),
                "{\"apiToken\": \"%s\"}".formatted(token));
        return integration;
    }

    private JsonNode discover(UUID integration, String sourceType, UUID request, String answerType)
            throws Exception {
        String data = """
                {"requestId":"%s","integrationId":"%s","tenantId":"acme","sourceType":"%s","requestedAt":"%s"}"""
                .formatted(request, integration, sourceType, OffsetDateTime.now(ZoneOffset.UTC));
        try (TopicProbe progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
                TestProducer producer = new TestProducer(bootstrap)) {
            String event = TestEvents.envelope(UUID.randomUUID().toString(), EventTypes.DISCOVERY_REQUESTED,
                    integration.toString(), "acme", data);
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), event);
            var records = progress.await(r -> r.key().equals(integration.toString())
                    && r.value().contains(answerType), 1, Duration.ofSeconds(30));
            JsonNode envelope = JSON.readTree(records.get(0).value());
            assertEquals(integration.toString(), envelope.path("subject").asText());
            return envelope.path("data");
        }
    }
}
