package dev.roster.worker;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import dev.roster.testinfra.RosterInfraResource;

/**
 * The infrastructure of every test in this module: real PostgreSQL and Kafka, and an in-process OIDC server
 * whose tokens the real quarkus-oidc verifies (and which issues the worker's client-credentials token), and a
 * stand-in for integration-service's internal endpoint. Declared once so all tests share one Quarkus boot.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(value = RosterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "worker"))
@QuarkusTestResource(IntegrationServiceStandIn.class)
public final class RosterTestProfile {

    private RosterTestProfile() {
    }
}
