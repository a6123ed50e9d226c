package dev.roster.worker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.roster.testinfra.OpenApiContract;

/** The REST contract frontend teams build on, and the endpoints ops reach without a token. */
@QuarkusTest
class OpenApiContractTest {

    private static final String SERVICE = "sync-worker";

    @Test
    void theServedContractIsTheCheckedInOne() {
        OpenApiContract.assertServedMatchesCheckedIn(SERVICE);
    }

    @Test
    void everyOperationAsksForABearerToken() {
        JsonNode contract = OpenApiContract.served();
        JsonNode scheme = contract.path("components").path("securitySchemes").path("SecurityScheme");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        assertEquals("JWT", scheme.path("bearerFormat").asText());
        assertEquals(List.of(), OpenApiContract.operationsWithoutBearerToken(contract));
    }

    @Test
    void everyRequestAndResponseShowsAnExample() {
        assertEquals(List.of(), OpenApiContract.contentWithoutExamples(OpenApiContract.served()));
    }

    @Test
    void healthMetricsAndTheContractNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(anyOf(containsString("http_server_requests"), containsString("jvm_")));
        given().get("/q/openapi").then().statusCode(200);
    }
}
