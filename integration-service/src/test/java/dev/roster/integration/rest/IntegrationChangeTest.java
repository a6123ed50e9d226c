package dev.roster.integration.rest;

import static dev.roster.integration.rest.IntegrationApi.create;
import static dev.roster.integration.rest.IntegrationApi.editor;
import static dev.roster.integration.rest.IntegrationApi.etagOf;
import static dev.roster.integration.rest.IntegrationApi.freshTenant;
import static dev.roster.integration.rest.IntegrationApi.patch;
import static dev.roster.integration.rest.IntegrationApi.scim;
import static dev.roster.integration.rest.IntegrationApi.staffbase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.integration.service.IntegrationService;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

@QuarkusTest
class IntegrationChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    IntegrationService service;

    @Test
    void anUpdateNeedsTheCurrentETag() {
        String token = editor(freshTenant());
        String id = create(token, scim("SCIM"));
        String etag = etagOf(token, id);

        patch(token, id, null, "{\"name\": \"Renamed\"}")
                .statusCode(428).contentType("application/problem+json").body("detail", containsString("If-Match"));
        patch(token, id, "\"99\"", "{\"name\": \"Renamed\"}")
                .statusCode(412).contentType("application/problem+json");

        String newEtag = patch(token, id, etag, "{\"name\": \"Renamed\"}")
                .statusCode(200).body("name", equalTo("Renamed")).header("ETag", not(equalTo(etag)))
                .extract().header("ETag");

        // The second admin still holds the old ETag: their change is refused, the first one's stays.
        patch(token, id, etag, "{\"name\": \"Overwritten\"}").statusCode(412);
        given().auth().oauth2(token).get("/api/v1/integrations/" + id)
                .then().body("name", equalTo("Renamed")).header("ETag", equalTo(newEtag));
    }

    @Test
    void changingTheConnectionAsksForDiscoveryAgainAndNamesWhatChanged() throws Exception {
        String token = editor(freshTenant());
        String id = create(token, scim("SCIM"));
        try (TopicProbe events = TopicProbe.open(bootstrap, Topics.INTEGRATION_EVENTS);
                TopicProbe requests = TopicProbe.open(bootstrap, Topics.SYNC_REQUESTS)) {
            patch(token, id, etagOf(token, id),
                    "{\"connection\": {\"baseUrl\": \"https://scim.example.org/v2\", \"pageSize\": 50}}")
                    .statusCode(200)
                    .body("connection.baseUrl", equalTo("https://scim.example.org/v2"))
                    .body("connection.pageSize", equalTo(50));

            JsonNode updated = JSON.readTree(events.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0).value());
            assertEquals("dev.roster.integration.updated.v1", updated.get("type").asText());
            assertEquals("[\"connection\"]", updated.get("data").get("changed").toString());
            requests.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
        }
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheVersionAndSaysNothing() {
        String token = editor(freshTenant());
        String id = create(token, scim("Same"));
        String etag = etagOf(token, id);
        try (TopicProbe events = TopicProbe.open(bootstrap, Topics.INTEGRATION_EVENTS)) {
            patch(token, id, etag,
                    "{\"name\": \"Same\", \"connection\": {\"baseUrl\": \"https://scim.example.com/scim/v2\", \"pageSize\": 200}}")
                    .statusCode(200).header("ETag", equalTo(etag));
            // A later, real change proves the first produced no event: only one arrives.
            patch(token, id, etag, "{\"name\": \"Different\"}").statusCode(200);
            events.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
            assertEquals(1, events.poll(r -> id.equals(r.key())).size());
        }
    }

    @Test
    void secretsAreReplacedOnlyByAnExplicitField() {
        String token = editor(freshTenant());
        String id = create(token, staffbase("Intranet"));
        patch(token, id, etagOf(token, id), "{\"name\": \"Intranet (EU)\"}").statusCode(200);
        assertEquals(Map.of("apiToken", IntegrationApi.STAFFBASE_TOKEN), secretsOf(id));

        patch(token, id, etagOf(token, id), "{\"credentials\": {\"apiToken\": \"rotated-token-2\"}}")
                .statusCode(200).body("secrets.set", equalTo(List.of("apiToken")));
        assertEquals(Map.of("apiToken", "rotated-token-2"), secretsOf(id));

        patch(token, id, etagOf(token, id), "{\"credentials\": {\"clientSecret\": \"x\"}}")
                .statusCode(400).body("errors[0].field", equalTo("credentials.clientSecret"));
    }

    @Test
    void pausingAScheduleClearsItsNextRun() {
        String token = editor(freshTenant());
        String id = create(token, scim("SCIM"));
        patch(token, id, etagOf(token, id),
                "{\"schedule\": {\"kind\": \"INTERVAL\", \"interval\": \"PT12H\", \"paused\": true}}")
                .statusCode(200)
                .body("schedule.paused", equalTo(true))
                .body("schedule.interval", equalTo("PT12H"))
                .body("schedule.nextRunAt", equalTo(null));
        patch(token, id, etagOf(token, id), "{\"schedule\": {\"kind\": \"INTERVAL\", \"interval\": \"PT12H\"}}")
                .statusCode(200)
                .body("schedule.nextRunAt", not(equalTo(null)));
    }

    @Test
    void invalidChangesAreRefusedAndLoseNothing() {
        String token = editor(freshTenant());
        String id = create(token, scim("Keep me"));
        String etag = etagOf(token, id);
        patch(token, id, etag, "{\"name\": \"   \"}").statusCode(400).body("errors[0].field", equalTo("name"));
        patch(token, id, etag, "{\"connection\": {\"baseUrl\": \"https://10.0.0.8\"}}")
                .statusCode(400).body("errors[0].field", equalTo("connection.baseUrl"));
        patch(token, id, etag, "{\"schedule\": {\"kind\": \"CRON\", \"cron\": \"nope\"}}")
                .statusCode(400).body("errors[0].field", equalTo("schedule.cron"));
        given().auth().oauth2(token).get("/api/v1/integrations/" + id).then()
                .header("ETag", equalTo(etag))
                .body("name", equalTo("Keep me"))
                .body("connection.baseUrl", equalTo("https://scim.example.com/scim/v2"))
                .body("schedule.kind", equalTo("INTERVAL"));
    }

    @Test
    void changingNeedsTheIntegrationsPermissionAndTheRightTenant() {
        String tenant = freshTenant();
        String id = create(editor(tenant), scim("SCIM"));
        String etag = etagOf(editor(tenant), id);
        patch(TestTokens.token("mia", tenant, Permissions.MAPPINGS_EDIT), id, etag, "{\"name\": \"x\"}")
                .statusCode(403).contentType("application/problem+json");
        patch(editor(freshTenant()), id, etag, "{\"name\": \"x\"}").statusCode(404);
        given().contentType("application/json").body("{\"name\": \"x\"}").header("If-Match", etag)
                .patch("/api/v1/integrations/" + id).then().statusCode(401);
    }

    @Test
    void onlyTheCreatorOrAParentAdminDeletes() throws Exception {
        String tenant = freshTenant();
        String alices = create(
                TestTokens.token("alice", tenant, Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT),
                scim("Alice's"));
        String bob = TestTokens.token("bob", tenant, Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT);

        given().auth().oauth2(bob).delete("/api/v1/integrations/" + alices)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("creator"));
        given().auth().oauth2(TestTokens.token("carol", tenant, Permissions.CONTACTS_READ))
                .delete("/api/v1/integrations/" + alices).then().statusCode(403);
        given().auth().oauth2(editor(freshTenant())).delete("/api/v1/integrations/" + alices).then().statusCode(404);

        try (TopicProbe events = TopicProbe.open(bootstrap, Topics.INTEGRATION_EVENTS)) {
            given().auth().oauth2(TestTokens.token("root", tenant, Permissions.PARENT_ADMIN))
                    .delete("/api/v1/integrations/" + alices).then().statusCode(204);
            JsonNode deleted = JSON.readTree(events.await(r -> alices.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0).value());
            assertEquals("dev.roster.integration.deleted.v1", deleted.get("type").asText());
            assertEquals("root", deleted.get("data").get("deletedBy").asText());
        }
        given().auth().oauth2(bob).get("/api/v1/integrations/" + alices).then().statusCode(404);

        String bobs = create(bob, scim("Bob's"));
        given().auth().oauth2(bob).delete("/api/v1/integrations/" + bobs).then().statusCode(204);
        given().auth().oauth2(bob).delete("/api/v1/integrations/" + bobs).then().statusCode(404);
    }

    @Test
    void deletingAnUnknownIntegrationIsNotFound() {
        given().auth().oauth2(editor(freshTenant())).delete("/api/v1/integrations/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private Map<String, String> secretsOf(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var integration = dev.roster.integration.domain.Integration.<dev.roster.integration.domain.Integration>findById(
                    UUID.fromString(id));
            assertTrue(integration != null);
            return service.readCredentials(integration);
        });
    }
}
