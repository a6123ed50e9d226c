package dev.roster.integration.jobs;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.security.Permissions;
import dev.roster.integration.jobs.SyncJobTest.Fixture;
import dev.roster.testinfra.TestTokens;

/** Every job endpoint: another tenant's job is 404, a missing permission 403, no token 401, a bad id 404. */
@QuarkusTest
class JobEndpointGuardsTest {

    @Test
    void everyJobEndpointIsScopedAndGuarded() {
        Fixture f = new Fixture();
        String job = f.start();
        String other = TestTokens.token("mallory", "other-" + f.tenant, Permissions.PARENT_ADMIN);
        String reader = TestTokens.token("carol", f.tenant, Permissions.CONTACTS_READ);
        String mappingsOnly = TestTokens.token("mia", f.tenant, Permissions.MAPPINGS_EDIT);

        for (String path : List.of("", "/errors")) {
            String url = f.syncs() + "/" + job + path;
            given().auth().oauth2(f.token).get(url).then().statusCode(200);
            given().auth().oauth2(mappingsOnly).get(url).then().statusCode(200);
            given().auth().oauth2(other).get(url).then().statusCode(404);
            given().auth().oauth2(reader).get(url).then().statusCode(403);
            given().get(url).then().statusCode(401);
            given().auth().oauth2(f.token).get(f.syncs() + "/" + UUID.randomUUID() + path).then().statusCode(404);
            given().auth().oauth2(f.token).get(f.syncs() + "/not-a-job" + path).then().statusCode(404);
        }

        String confirm = f.syncs() + "/" + job + "/confirm-deletions";
        given().auth().oauth2(other).post(confirm).then().statusCode(404);
        given().auth().oauth2(mappingsOnly).post(confirm).then().statusCode(403);
        given().post(confirm).then().statusCode(401);
        // A queued job holds no deletions: confirming is a conflict, not a success.
        given().auth().oauth2(f.token).post(confirm).then().statusCode(409)
                .contentType("application/problem+json");
    }
}
