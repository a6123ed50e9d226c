package dev.roster.integration.rest;

import static dev.roster.integration.rest.IntegrationApi.create;
import static dev.roster.integration.rest.IntegrationApi.editor;
import static dev.roster.integration.rest.IntegrationApi.freshTenant;
import static dev.roster.integration.rest.IntegrationApi.staffbase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestTokens;

@QuarkusTest
class SourceAccessTest {

    private static final String WORKER = TestTokens.token("service-account-roster-sync-worker", null,
            Permissions.SYNC_WORKER);

    @Test
    void theWorkerGetsTheConnectionAndTheSecrets() {
        String tenant = freshTenant();
        String id = create(editor(tenant), staffbase("Intranet"));
        given().auth().oauth2(WORKER).get("/internal/v1/integrations/" + id + "/source-access")
                .then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("tenantId", equalTo(tenant))
                .body("sourceType", equalTo("STAFFBASE"))
                .body("connection.baseUrl", equalTo("https://backend.staffbase.com"))
                .body("credentials.apiToken", equalTo(IntegrationApi.STAFFBASE_TOKEN));
    }

    @Test
    void noUserTokenGetsSecretsNotEvenAParentAdmins() {
        String tenant = freshTenant();
        String id = create(editor(tenant), staffbase("Intranet"));
        for (String token : new String[]{editor(tenant), TestTokens.token("root", tenant, Permissions.PARENT_ADMIN)}) {
            given().auth().oauth2(token).get("/internal/v1/integrations/" + id + "/source-access")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().get("/internal/v1/integrations/" + id + "/source-access").then().statusCode(401);
    }

    @Test
    void anUnknownIntegrationIsNotFound() {
        given().auth().oauth2(WORKER).get("/internal/v1/integrations/" + UUID.randomUUID() + "/source-access")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(WORKER).get("/internal/v1/integrations/not-an-id/source-access")
                .then().statusCode(404);
    }
}
