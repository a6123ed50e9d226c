package dev.roster.directory;

import io.quarkus.test.junit.QuarkusTest;

import dev.roster.testinfra.ServiceContractTests;

/** The REST contract of contact-directory-service, and the endpoints ops reach without a token. */
@QuarkusTest
class OpenApiContractTest extends ServiceContractTests {

    OpenApiContractTest() {
        super("contact-directory-service");
    }
}
