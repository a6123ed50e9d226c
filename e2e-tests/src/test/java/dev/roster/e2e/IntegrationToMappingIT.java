package dev.roster.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.roster.testinfra.stack.KeycloakServer;
import dev.roster.testinfra.stack.Stack;
import dev.roster.testinfra.stack.Stack.Service;

/**
 * The first slice end to end, with real tokens from Keycloak: an integration created on integration-service
 * reaches mapping-service through Kafka (IntegrationCreated), and its mapping becomes readable, only to its own
 * tenant.
 */
@ExtendWith(RosterStack.class)
class IntegrationToMappingIT {

    private static final String STAFFBASE = """
            {"name": "Staffbase intranet", "sourceType": "STAFFBASE",
             "connection": {"baseUrl": "https://backend.staffbase.com"},
             "credentials": {"apiToken": "e2e-api-token"}}""";

    private static Stack stack;
    private static String integrations;
    private static String mappings;
    /** Tenant acme, may create integrations (integrations-edit and mappings-edit). */
    private static String alice;
    /** Tenant globex, same permissions. */
    private static String bob;

    @BeforeAll
    static void tokens() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        stack = RosterStack.stack();
        integrations = stack.url(Service.INTEGRATION) + "/api/v1/integrations";
        mappings = stack.url(Service.MAPPING) + "/api/v1/integrations";
        alice = stack.keycloak().passwordToken("alice", "alice");
        bob = stack.keycloak().passwordToken("bob", "bob");
    }

    @Test
    void keycloakTokensCarryTheTenantAndThePermissions() {
        JsonPath claims = JsonPath.from(KeycloakServer.claimsOf(alice));
        assertThat(claims.getString("tenant_id"), equalTo("acme"));
        assertThat(claims.getList("realm_access.roles", String.class),
                hasItems("integrations-edit", "mappings-edit"));
        assertThat(claims.getString("iss"), equalTo(stack.keycloak().realmUrl()));
    }

    @Test
    void createdIntegrationGetsItsMappingThroughKafka() {
        String id = given().auth().oauth2(alice)
                .contentType(ContentType.JSON)
                .body(STAFFBASE)
                .when().post(integrations)
                .then().statusCode(201)
                .body("id", notNullValue())
                .extract().path("id");

        given().auth().oauth2(alice)
                .when().get(integrations + "/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Staffbase intranet"));

        // mapping-service learns of the integration from the IntegrationCreated event: 404 until then.
        await("mapping of integration " + id)
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().auth().oauth2(alice)
                        .when().get(mappings + "/" + id + "/mapping")
                        .then().statusCode(200));

        // The worker's service account, and only it, reads the secrets it needs to call the source.
        String worker = stack.keycloak().clientCredentialsToken(KeycloakServer.SYNC_WORKER_CLIENT,
                KeycloakServer.SYNC_WORKER_SECRET);
        String sourceAccess = stack.url(Service.INTEGRATION) + "/internal/v1/integrations/" + id + "/source-access";
        given().auth().oauth2(worker)
                .when().get(sourceAccess)
                .then().statusCode(200)
                .body("credentials.apiToken", equalTo("e2e-api-token"));
        given().auth().oauth2(alice)
                .when().get(sourceAccess)
                .then().statusCode(403);

        // Another tenant sees neither, although both exist.
        given().auth().oauth2(bob)
                .when().get(integrations + "/" + id)
                .then().statusCode(404);
        given().auth().oauth2(bob)
                .when().get(mappings + "/" + id + "/mapping")
                .then().statusCode(404);
    }

    @Test
    void badInputIs400ProblemJsonNamingTheField() {
        given().auth().oauth2(alice)
                .contentType(ContentType.JSON)
                .body("{\"sourceType\": \"CSV\"}")
                .when().post(integrations)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItems("name"));
        given().auth().oauth2(alice)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"SCIM\", \"sourceType\": \"SCIM\", \"connection\": {\"baseUrl\": \"ftp://scim.example.com\"}}")
                .when().post(integrations)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItems("connection.baseUrl"));
    }

    @Test
    void withoutATokenTheAnswerIs401ProblemJson() {
        given().contentType(ContentType.JSON)
                .body(STAFFBASE)
                .when().post(integrations)
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));

        given().when().get(mappings + "/00000000-0000-0000-0000-000000000000/mapping")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }
}
