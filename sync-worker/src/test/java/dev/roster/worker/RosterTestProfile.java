package dev.roster.worker;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import dev.roster.testinfra.RosterInfraResource;

/**
 * The infrastructure of every test in this module: real PostgreSQL and Kafka, and an in-process OIDC server
 * whose tokens the real quarkus-oidc verifies. Declared once so all tests share one Quarkus boot.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(value = RosterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "worker"))
public final class RosterTestProfile {

    private RosterTestProfile() {
    }
}
