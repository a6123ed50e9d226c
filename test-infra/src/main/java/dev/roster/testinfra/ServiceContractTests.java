package dev.roster.testinfra;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every service promises the same way: the REST contract frontend teams build on is the checked-in
 * one, every operation asks for a bearer token and shows examples, and ops reach health, metrics and the
 * contract without a token. A service's test extends this as a {@code @QuarkusTest}.
 */
public abstract class ServiceContractTests {

    private final String service;

    protected ServiceContractTests(String service) {
        this.service = service;
    }

    @Test
    void theServedContractIsTheCheckedInOne() {
        OpenApiContract.assertServedMatchesCheckedIn(service);
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
