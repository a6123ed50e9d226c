package dev.roster.mapping.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TestTokens;

@QuarkusTest
class MappingResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    private UUID integration;

    @BeforeEach
    void anIntegrationOfAcme() {
        integration = UUID.randomUUID();
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(),
                    TestEvents.integrationCreated(UUID.randomUUID().toString(), integration, "acme", "ENTRA_ID"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em
                        .createNativeQuery("SELECT count(*) FROM integration_mapping WHERE integration_id = ?1")
                        .setParameter(1, integration).getSingleResult()).longValue() == 1));
    }

    @Test
    void eitherIntegrationPermissionReadsTheMapping() {
        for (String permission : new String[]{Permissions.MAPPINGS_EDIT, Permissions.INTEGRATIONS_EDIT}) {
            given().auth().oauth2(TestTokens.token("alice", "acme", permission))
                    .get("/api/v1/integrations/" + integration + "/mapping")
                    .then().statusCode(200)
                    .header("ETag", notNullValue())
                    .body("integrationId", equalTo(integration.toString()))
                    .body("sourceType", equalTo("ENTRA_ID"))
                    .body("fields.size()", equalTo(0))
                    .body("acceptedStatuses[0]", equalTo("enabled"));
        }
    }

    @Test
    void anotherTenantSeesNothing() {
        given().auth().oauth2(TestTokens.token("mallory", "globex", Permissions.PARENT_ADMIN))
                .get("/api/v1/integrations/" + integration + "/mapping")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void anUnknownIntegrationIsNotFound() {
        given().auth().oauth2(TestTokens.token("alice", "acme", Permissions.MAPPINGS_EDIT))
                .get("/api/v1/integrations/" + UUID.randomUUID() + "/mapping")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aMalformedIdIsRefused() {
        given().auth().oauth2(TestTokens.token("alice", "acme", Permissions.MAPPINGS_EDIT))
                .get("/api/v1/integrations/not-an-id/mapping")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readingContactsIsNotEnough() {
        given().auth().oauth2(TestTokens.token("carol", "acme", Permissions.CONTACTS_READ))
                .get("/api/v1/integrations/" + integration + "/mapping")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void noTokenIsUnauthenticated() {
        given().get("/api/v1/integrations/" + integration + "/mapping")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
