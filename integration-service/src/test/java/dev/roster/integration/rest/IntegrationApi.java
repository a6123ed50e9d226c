package dev.roster.integration.rest;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestTokens;

/** Requests the integration tests make again and again. */
final class IntegrationApi {

    static final String STAFFBASE_TOKEN = "sb-api-token-7f3a9c1e5d";

    private IntegrationApi() {
    }

    /** A tenant no other test uses, so rules like one Staffbase per tenant do not collide. */
    static String freshTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String editor(String tenant) {
        return TestTokens.token("alice", tenant, Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT);
    }

    static String staffbase(String name) {
        return """
                {"name": "%s", "sourceType": "STAFFBASE",
                 "connection": {"baseUrl": "https://backend.staffbase.com"},
                 "credentials": {"apiToken": "%s"}}""".formatted(name, STAFFBASE_TOKEN);
    }

    static String scim(String name) {
        return """
                {"name": "%s", "sourceType": "SCIM",
                 "connection": {"baseUrl": "https://scim.example.com/scim/v2", "pageSize": 200},
                 "credentials": {"bearerToken": "scim-bearer-secret-42"}}""".formatted(name);
    }

    static ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/integrations").then();
    }

    static String create(String token, String body) {
        return post(token, body).statusCode(201).extract().path("id");
    }

    static String etagOf(String token, String id) {
        return given().auth().oauth2(token).get("/api/v1/integrations/" + id).then().statusCode(200)
                .extract().header("ETag");
    }

    static ValidatableResponse patch(String token, String id, String etag, String body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.patch("/api/v1/integrations/" + id).then();
    }
}
