package dev.roster.integration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

@QuarkusTest
class IntegrationResourceTest {

    private static final String EDITOR = TestTokens.token("alice", "acme", Permissions.INTEGRATIONS_EDIT,
            Permissions.MAPPINGS_EDIT);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createStoresTheIntegrationAndAnnouncesIt() throws Exception {
        try (TopicProbe events = TopicProbe.open(bootstrap, Topics.INTEGRATION_EVENTS)) {
            String id = given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                    .body("{\"name\": \"  Staffbase intranet \", \"sourceType\": \"STAFFBASE\"}")
                    .post("/api/v1/integrations")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/v1/integrations/"))
                    .header("ETag", notNullValue())
                    .body("name", equalTo("Staffbase intranet"))
                    .body("sourceType", equalTo("STAFFBASE"))
                    .body("createdBy", equalTo("alice"))
                    .extract().path("id");

            given().auth().oauth2(EDITOR).get("/api/v1/integrations/" + id)
                    .then().statusCode(200).body("id", equalTo(id)).body("name", equalTo("Staffbase intranet"));

            List<ConsumerRecord<String, String>> published = events.await(r -> id.equals(r.key()), 1,
                    Duration.ofSeconds(30));
            assertEquals(1, published.size());
            JsonNode event = new ObjectMapper().readTree(published.get(0).value());
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals("dev.roster.integration.created.v1", event.get("type").asText());
            assertEquals("acme", event.get("tenantid").asText());
            assertEquals(id, event.get("data").get("integrationId").asText());
            assertEquals("STAFFBASE", event.get("data").get("sourceType").asText());
            assertEquals("alice", event.get("data").get("createdBy").asText());
        }
    }

    @Test
    void aMissingNameIsRefusedNamingTheField() {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"sourceType\": \"SCIM\"}")
                .post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void anUnknownSourceTypeIsRefusedNamingTheFieldAndTheChoices() {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"HR\", \"sourceType\": \"LDAP\"}")
                .post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sourceType"))
                .body("errors[0].message", containsString("STAFFBASE"));
    }

    @Test
    void aTooLongNameIsRefused() {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"" + "x".repeat(201) + "\", \"sourceType\": \"CSV\"}")
                .post("/api/v1/integrations")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void malformedJsonIsRefused() {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": ")
                .post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed request body"));
    }

    @Test
    void noTokenIsUnauthenticated() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"HR\", \"sourceType\": \"CSV\"}")
                .post("/api/v1/integrations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void aForgedTokenIsUnauthenticated() {
        String forged = EDITOR.substring(0, EDITOR.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).get("/api/v1/integrations/00000000-0000-0000-0000-000000000001")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void connectingASourceNeedsBothPermissions() {
        String integrationsOnly = TestTokens.token("dave", "acme", Permissions.INTEGRATIONS_EDIT);
        given().auth().oauth2(integrationsOnly).contentType(ContentType.JSON)
                .body("{\"name\": \"HR\", \"sourceType\": \"CSV\"}")
                .post("/api/v1/integrations")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("mappings-edit"));

        String readerOnly = TestTokens.token("erin", "acme", Permissions.CONTACTS_READ);
        given().auth().oauth2(readerOnly).contentType(ContentType.JSON)
                .body("{\"name\": \"HR\", \"sourceType\": \"CSV\"}")
                .post("/api/v1/integrations")
                .then().statusCode(403);
    }

    @Test
    void aParentAdminMayConnectSources() {
        String admin = TestTokens.token("root", "acme", Permissions.PARENT_ADMIN);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"Entra\", \"sourceType\": \"ENTRA_ID\"}")
                .post("/api/v1/integrations")
                .then().statusCode(201);
    }

    @Test
    void anotherTenantsIntegrationIsNotFound() {
        String id = given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"Workday\", \"sourceType\": \"WORKDAY\"}")
                .post("/api/v1/integrations")
                .then().statusCode(201).extract().path("id");

        String otherTenant = TestTokens.token("mallory", "globex", Permissions.INTEGRATIONS_EDIT,
                Permissions.MAPPINGS_EDIT);
        given().auth().oauth2(otherTenant).get("/api/v1/integrations/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("instance", equalTo("/api/v1/integrations/" + id));
    }

    @Test
    void readingNeedsAnIntegrationPermission() {
        String readerOnly = TestTokens.token("erin", "acme", Permissions.CONTACTS_READ);
        given().auth().oauth2(readerOnly).get("/api/v1/integrations/00000000-0000-0000-0000-000000000001")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aTokenWithoutTenantIsRefused() {
        String noTenant = TestTokens.token("ghost", null, Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT);
        given().auth().oauth2(noTenant).get("/api/v1/integrations/00000000-0000-0000-0000-000000000001")
                .then().statusCode(403).body("detail", containsString("tenant"));
    }

    @Test
    void aMalformedIdIsNotFound() {
        given().auth().oauth2(EDITOR).get("/api/v1/integrations/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
