package dev.roster.integration;

import io.quarkus.test.junit.QuarkusTest;

import dev.roster.testinfra.ServiceContractTests;

/** The REST contract of integration-service, and the endpoints ops reach without a token. */
@QuarkusTest
class OpenApiContractTest extends ServiceContractTests {

    OpenApiContractTest() {
        super("integration-service");
    }
}
