package dev.roster.worker;

import io.quarkus.test.junit.QuarkusTest;

import dev.roster.testinfra.ServiceContractTests;

/** The REST contract of sync-worker, and the endpoints ops reach without a token. */
@QuarkusTest
class OpenApiContractTest extends ServiceContractTests {

    OpenApiContractTest() {
        super("sync-worker");
    }
}
