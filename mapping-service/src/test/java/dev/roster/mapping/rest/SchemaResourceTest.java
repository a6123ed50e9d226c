package dev.roster.mapping.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.mapping.MappingFixtures;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

/** A tenant's contact schema: system fields, custom fields and their rules, and ContactSchemaChanged. */
@QuarkusTest
class SchemaResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Test
    void customFieldsAreCreatedRenamedAndDeletedAndEachChangePublishesTheWholeSchema() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String admin = TestTokens.token("alice", tenant, Permissions.MAPPINGS_EDIT);
        try (TopicProbe events = TopicProbe.open(bootstrap, Topics.MAPPING_EVENTS)) {
            create(admin, "costCenter", "Cost center", "NUMBER").statusCode(201).header("ETag", "\"1\"")
                    .body("key", equalTo("costCenter")).body("system", equalTo(false))
                    .body("sameLabelAs", equalTo(null));
            create(admin, "workCity", "city", "TEXT").statusCode(201).body("sameLabelAs", equalTo("city"));
            given().auth().oauth2(TestTokens.token("ian", tenant, Permissions.INTEGRATIONS_EDIT))
                    .get("/api/v1/schema/fields").then().statusCode(200)
                    .body("size()", equalTo(17))
                    .body("[0].key", equalTo("email")).body("[0].system", equalTo(true))
                    .body("find { it.key == 'hireDate' }.type", equalTo("DATE"))
                    .body("find { it.key == 'workCity' }.sameLabelAs", equalTo("city"));
            given().auth().oauth2(admin).contentType("application/json").body("{\"label\": \"Cost centre\"}")
                    .header("If-Match", "\"1\"").patch("/api/v1/schema/fields/costCenter")
                    .then().statusCode(200).header("ETag", "\"2\"").body("label", equalTo("Cost centre"));
            given().auth().oauth2(admin).contentType("application/json").body("{\"label\": \"Cost\"}")
                    .header("If-Match", "\"1\"").patch("/api/v1/schema/fields/costCenter")
                    .then().statusCode(412).contentType("application/problem+json");
            given().auth().oauth2(admin).delete("/api/v1/schema/fields/workCity").then().statusCode(204);

            List<ConsumerRecord<String, String>> records = events.await(r -> tenant.equals(r.key()), 4,
                    Duration.ofSeconds(30));
            JsonNode last = new ObjectMapper().readTree(records.get(3).value());
            assertEquals(EventTypes.CONTACT_SCHEMA_CHANGED, last.path("type").asText());
            assertEquals(4, last.path("data").path("version").asLong(), "one version per change");
            assertEquals(15, last.path("data").path("systemFields").size());
            assertEquals(1, last.path("data").path("customFields").size());
            assertEquals("Cost centre", last.path("data").path("customFields").get(0).path("label").asText());
            assertTrue(records.stream().allMatch(r -> r.value().contains("\"tenantid\":\"" + tenant + "\"")));
        }
    }

    @Test
    void badKeysLabelsAndTypesAreRefusedNamingTheField() {
        String admin = TestTokens.token("alice", "t-" + UUID.randomUUID(), Permissions.MAPPINGS_EDIT);
        create(admin, "1st", "First", "TEXT").statusCode(400).body("errors[0].field", equalTo("key"));
        create(admin, "email", "Mail", "TEXT").statusCode(400).body("errors[0].field", equalTo("key"))
                .body("errors[0].message", containsString("system field"));
        create(admin, "shoeSize", " ", "NUMBER").statusCode(400).body("errors[0].field", equalTo("label"));
        create(admin, "shoeSize", "Shoe size", "BOOLEAN").statusCode(400).body("errors[0].field", equalTo("type"));
        create(admin, "shoeSize", "Shoe size", "NUMBER").statusCode(201);
        create(admin, "shoeSize", "Shoe size", "NUMBER").statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aCustomFieldAMappingUsesCannotBeDeleted() {
        UUID integration = UUID.randomUUID();
        String tenant = "t-" + UUID.randomUUID();
        String admin = TestTokens.token("alice", tenant, Permissions.MAPPINGS_EDIT);
        MappingFixtures.discovered(bootstrap, em, integration, tenant);
        create(admin, "costCenter", "Cost center", "TEXT").statusCode(201);
        given().auth().oauth2(admin).header("If-Match", "\"1\"").contentType("application/json").body("""
                {"uniqueIdField": "email", "fields": [{"source": "mail", "target": "email"},
                 {"source": "extension_costCenter", "target": "costCenter"}]}""")
                .put("/api/v1/integrations/" + integration + "/mapping").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/schema/fields/costCenter")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(integration.toString()));
    }

    @Test
    void anotherTenantsFieldIsNotFoundAndNotListed() {
        String acme = TestTokens.token("alice", "t-" + UUID.randomUUID(), Permissions.MAPPINGS_EDIT);
        create(acme, "secretCode", "Secret code", "TEXT").statusCode(201);
        String globex = TestTokens.token("mallory", "t-" + UUID.randomUUID(), Permissions.MAPPINGS_EDIT);
        given().auth().oauth2(globex).get("/api/v1/schema/fields").then().statusCode(200)
                .body("key", not(hasItem("secretCode")));
        given().auth().oauth2(globex).contentType("application/json").body("{\"label\": \"Mine\"}")
                .patch("/api/v1/schema/fields/secretCode").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(globex).delete("/api/v1/schema/fields/secretCode").then().statusCode(404);
    }

    @Test
    void changingTheSchemaNeedsTheMappingPermission() {
        String integrator = TestTokens.token("ian", "acme", Permissions.INTEGRATIONS_EDIT);
        create(integrator, "badge", "Badge", "TEXT").statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(integrator).delete("/api/v1/schema/fields/badge").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("carol", "acme", Permissions.CONTACTS_READ))
                .get("/api/v1/schema/fields").then().statusCode(403);
    }

    @Test
    void twoSimultaneousCreatesOfOneKeyGiveOneFieldAndOne409() throws Exception {
        for (int round = 0; round < 5; round++) {
            String tenant = "t-" + UUID.randomUUID();
            String admin = TestTokens.token("alice", tenant, Permissions.MAPPINGS_EDIT);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return create(admin, "badge", "Badge", "TEXT").extract().statusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var answer : answers) {
                    statuses.add(answer.get());
                }
                java.util.Collections.sort(statuses);
                assertEquals(List.of(201, 409), statuses);
            } finally {
                pool.shutdown();
            }
            create(admin, "badge", "Badge", "TEXT").statusCode(409)
                    .contentType(org.hamcrest.Matchers.containsString("application/problem+json"));
        }
    }

    private static ValidatableResponse create(String token, String key, String label, String type) {
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"key\": \"%s\", \"label\": \"%s\", \"type\": \"%s\"}".formatted(key, label, type))
                .post("/api/v1/schema/fields").then();
    }
}
