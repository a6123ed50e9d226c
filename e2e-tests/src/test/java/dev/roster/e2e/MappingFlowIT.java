package dev.roster.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;

import dev.roster.simulator.Person;
import dev.roster.simulator.PersonStatus;
import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.testinfra.TopicProbe;
import dev.roster.testinfra.stack.Stack;
import dev.roster.testinfra.stack.Stack.Service;

/**
 * The mapping flow across the packaged services: a SCIM source is discovered, mapping-service suggests
 * version 1, an admin saves version 2 (department upper case, Sales left out), the worker applies version 2 to
 * the next sync, integration-service records it on the job, and the directory's contacts show both rules.
 */
@ExtendWith(RosterStack.class)
class MappingFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPARTMENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department";
    private static SourceSimulator simulator;
    private static Population population;
    private static Stack stack;
    private static String alice;
    private static String carol;

    @BeforeAll
    static void start() {
        stack = RosterStack.stack();
        population = new Population(7, 400);
        simulator = SourceSimulator.start(population);
        alice = stack.keycloak().passwordToken("alice", "alice");
        carol = stack.keycloak().passwordToken("carol", "carol");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void anEditedMappingIsTheOneTheNextSyncAppliesAllTheWayToTheDirectory() throws Exception {
        String integrations = stack.url(Service.INTEGRATION) + "/api/v1/integrations";
        String id = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body("""
                        {"name": "Simulated HR, mapped", "sourceType": "SCIM",
                         "connection": {"baseUrl": "%s/scim/v2", "pageSize": 100},
                         "credentials": {"bearerToken": "%s"}}"""
                        .formatted(simulator.baseUrl(), SourceSimulator.DEFAULT_SCIM_TOKEN))
                .when().post(integrations).then().statusCode(201).extract().path("id");

        // discovery, then the suggested mapping as version 1
        String mappingUrl = stack.url(Service.MAPPING) + "/api/v1/integrations/" + id + "/mapping";
        await("the suggested mapping").atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().auth()
                .oauth2(alice).get(mappingUrl).then().statusCode(200).body("version", equalTo(1)));
        JsonNode suggested = JSON.readTree(given().auth().oauth2(alice).get(mappingUrl).then().extract().asString());

        ObjectNode edit = JSON.createObjectNode();
        edit.put("uniqueIdField", suggested.path("uniqueIdField").asText());
        ArrayNode fields = edit.putArray("fields");
        for (JsonNode field : suggested.path("fields")) {
            ObjectNode f = fields.addObject();
            f.put("source", field.path("source").asText());
            boolean department = DEPARTMENT.equals(field.path("source").asText());
            if (department) {
                f.put("target", "department");
                f.putArray("transformations").addObject().put("kind", "UPPER_CASE");
            } else if ("department".equals(field.path("target").asText(null)) || field.path("target").isNull()) {
                f.putNull("target");
            } else {
                f.put("target", field.path("target").asText());
                f.set("transformations", field.path("transformations"));
            }
        }
        edit.putArray("exclusions").addObject().putArray("allOf").addObject().put("attribute", DEPARTMENT)
                .put("operator", "EQUALS").put("value", "Sales");
        edit.set("acceptedStatuses", suggested.path("acceptedStatuses"));

        try (TopicProbe mappings = TopicProbe.open(stack.kafkaBootstrapServers(), "roster.mapping-events")) {
            given().auth().oauth2(alice).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(JSON.writeValueAsString(edit)).put(mappingUrl)
                    .then().statusCode(200).body("version", equalTo(2));
            mappings.await(r -> r.key().equals(id) && r.value().contains("\"version\":2"), 1,
                    Duration.ofSeconds(30));
        }
        Thread.sleep(2_000); // the worker reads the mapping topic on its own consumer

        String job = given().auth().oauth2(alice).post(integrations + "/" + id + "/syncs")
                .then().statusCode(202).extract().path("id");
        await("the job ends").atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().auth().oauth2(alice)
                .get(integrations + "/" + id + "/syncs/" + job).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.startsWith("SUCCEEDED")));
        given().auth().oauth2(alice).get(integrations + "/" + id + "/syncs/" + job).then()
                .body("mappingVersion", equalTo(2));

        int imported = 0;
        int sales = 0;
        for (int i = 0; i < population.size(); i++) {
            Person p = population.person(i);
            if (p.status() != PersonStatus.DEACTIVATED) { // imported, or failed validation (an invalid email)
                if ("Sales".equals(p.department())) {
                    sales++;
                } else {
                    imported++;
                }
            }
        }
        assertTrue(sales > 0 && imported > 0, "the population has both");
        String contacts = stack.url(Service.DIRECTORY) + "/api/v1/contacts";
        JsonNode counts = JSON.readTree(given().auth().oauth2(alice).get(integrations + "/" + id + "/syncs/" + job)
                .then().extract().asString()).path("counts");
        assertEquals(sales, counts.path("skippedExcluded").asInt(), "the people of Sales are left out, counted");
        assertEquals(imported, counts.path("created").asInt() + counts.path("failed").asInt(), counts.toString());
        assertEquals(population.size() - imported - sales, counts.path("skippedInactive").asInt(), counts.toString());
        given().auth().oauth2(carol).queryParam("source", id).queryParam("total", true).get(contacts).then()
                .statusCode(200).body("total", equalTo(counts.path("created").asInt()));
        given().auth().oauth2(carol).queryParam("source", id).queryParam("filter", "department:eq:SALES")
                .queryParam("total", true).get(contacts).then().statusCode(200).body("total", equalTo(0));
        JsonNode page = JSON.readTree(given().auth().oauth2(carol).queryParam("source", id).queryParam("limit", 200)
                .get(contacts).then().statusCode(200).extract().asString());
        for (JsonNode contact : page.path("items")) {
            String department = contact.path("fields").path("department").asText();
            assertEquals(department.toUpperCase(Locale.ROOT), department, contact.toString());
        }
    }
}
