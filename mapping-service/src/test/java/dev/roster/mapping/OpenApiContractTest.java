package dev.roster.mapping;

import io.quarkus.test.junit.QuarkusTest;

import dev.roster.testinfra.ServiceContractTests;

/** The REST contract of mapping-service, and the endpoints ops reach without a token. */
@QuarkusTest
class OpenApiContractTest extends ServiceContractTests {

    OpenApiContractTest() {
        super("mapping-service");
    }
}
