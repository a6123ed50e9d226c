package dev.roster.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

import dev.roster.simulator.Person;
import dev.roster.simulator.PersonStatus;
import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.testinfra.TopicProbe;
import dev.roster.testinfra.stack.Stack;
import dev.roster.testinfra.stack.Stack.Service;

/**
 * A SCIM source (the simulator) connected through integration-service: the worker, with its own
 * Keycloak client-credentials token, reads the connection from integration-service, discovers the fields,
 * then runs the sync an admin starts; its batches reach Kafka and integration-service keeps the job's counts
 * and per-record errors.
 */
@ExtendWith(RosterStack.class)
class SyncThroughTheStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SourceSimulator simulator;
    private static Population population;
    private static Stack stack;
    private static String alice;

    @BeforeAll
    static void start() {
        stack = RosterStack.stack();
        population = new Population(99, 2_000);
        simulator = SourceSimulator.start(population);
        alice = stack.keycloak().passwordToken("alice", "alice");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void aScimSourceIsDiscoveredAndSyncedIntoBatches() throws Exception {
        String integrations = stack.url(Service.INTEGRATION) + "/api/v1/integrations";
        try (TopicProbe progress = TopicProbe.open(stack.kafkaBootstrapServers(), "roster.sync-progress");
                TopicProbe commands = TopicProbe.open(stack.kafkaBootstrapServers(), "roster.contact-commands");
                TopicProbe mappings = TopicProbe.open(stack.kafkaBootstrapServers(), "roster.mapping-events")) {
            String id = given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("""
                            {"name": "Simulated HR directory", "sourceType": "SCIM",
                             "connection": {"baseUrl": "%s/scim/v2", "pageSize": 200},
                             "credentials": {"bearerToken": "%s"}}"""
                            .formatted(simulator.baseUrl(), SourceSimulator.DEFAULT_SCIM_TOKEN))
                    .when().post(integrations)
                    .then().statusCode(201).extract().path("id");

            List<ConsumerRecord<String, String>> discovered = progress.await(r -> r.key().equals(id)
                    && r.value().contains("dev.roster.sync.fields-discovered.v1"), 1, Duration.ofSeconds(60));
            JsonNode fields = JSON.readTree(discovered.get(0).value()).path("data").path("fields");
            assertTrue(fields.findValuesAsText("name").containsAll(List.of("name.givenName", "emails.value",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department")), fields.toString());
            // mapping-service answers the discovery with its suggested mapping, version 1: the sync applies it
            mappings.await(r -> r.key().equals(id) && r.value().contains("\"version\":1"), 1, Duration.ofSeconds(30));
            Thread.sleep(2_000); // the worker reads the mapping topic on its own consumer

            String job = given().auth().oauth2(alice)
                    .when().post(integrations + "/" + id + "/syncs")
                    .then().statusCode(202).extract().path("id");
            commands.await(r -> r.value().contains("dev.roster.contact.sync-ended.v1") && r.value().contains(job), 1,
                    Duration.ofSeconds(90));
            Set<String> sent = new HashSet<>();
            for (ConsumerRecord<String, String> record : commands.poll(r -> r.key().equals(id))) {
                JsonNode event = JSON.readTree(record.value());
                event.path("data").path("upserts").forEach(c -> sent.add(c.path("sourceId").asText()));
            }
            // SCIM lists everyone with "active"; an invalid email fails, and so does a missing one in the suggestion
            int active = 0;
            int wellFormed = 0;
            for (int i = 0; i < population.size(); i++) {
                Person p = population.person(i);
                if (p.status() != PersonStatus.DEACTIVATED) {
                    active++;
                    if (p.email() == null || p.email().contains("@")) {
                        wellFormed++;
                    }
                }
            }

            // integration-service followed the worker's reports
            int fetched = population.size();
            int inactive = fetched - active;
            await("the job's counts").atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(alice)
                    .when().get(integrations + "/" + id + "/syncs/" + job)
                    .then().statusCode(200)
                    .body("mappingVersion", equalTo(1))
                    .body("counts.fetched", equalTo(fetched))
                    .body("counts.skippedInactive", equalTo(inactive))
                    .body("total", equalTo(fetched)));
            int failed = given().auth().oauth2(alice).when().get(integrations + "/" + id + "/syncs/" + job)
                    .then().extract().path("counts.failed");
            assertTrue(failed >= active - wellFormed, "every invalid email fails: " + failed);
            assertEquals(active - failed, sent.size(), "every active person who passed validation, once");
            given().auth().oauth2(alice)
                    .queryParam("limit", 100)
                    .when().get(integrations + "/" + id + "/syncs/" + job + "/errors")
                    .then().statusCode(200)
                    .body("items.field", hasItem("email"));
        }
    }
}
