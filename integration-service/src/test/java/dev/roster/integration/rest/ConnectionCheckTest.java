package dev.roster.integration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;

/**
 * An integration shows whether the worker could read its source: pending until the worker answers the newest
 * discovery request, then OK with the number of fields, or FAILED with the worker's reason. An answer to an
 * older request, or a redelivered one, changes nothing; the answer does not change the integration's ETag.
 */
@QuarkusTest
class ConnectionCheckTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Test
    void theWorkersAnswersShowInTheIntegrationsHealth() {
        String tenant = IntegrationApi.freshTenant();
        String token = IntegrationApi.editor(tenant);
        String id = IntegrationApi.create(token, IntegrationApi.scim("HR directory"));
        health(token, id).body("connection.status", equalTo("PENDING")).body("connection.error", nullValue());
        String etag = IntegrationApi.etagOf(token, id);
        UUID first = requestOf(id);

        try (TestProducer producer = new TestProducer(bootstrap)) {
            String failed = UUID.randomUUID().toString();
            producer.send(Topics.SYNC_PROGRESS, id, TestEvents.envelope(failed, EventTypes.DISCOVERY_FAILED, id,
                    tenant, """
                            {"requestId":"%s","integrationId":"%s","sourceType":"SCIM",
                             "reason":"SCIM GET /Users was refused (HTTP 401): check the integration's credentials",
                             "at":"2026-11-22T08:00:03Z"}""".formatted(first, id)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> health(token, id)
                    .body("connection.status", equalTo("FAILED"))
                    .body("connection.error", equalTo(
                            "SCIM GET /Users was refused (HTTP 401): check the integration's credentials")));
            IntegrationApi.patch(token, id, etag, "{\"name\": \"HR directory (SCIM)\"}").statusCode(200);

            // new credentials: a new request; the old request's late answer must not count
            etag = IntegrationApi.etagOf(token, id);
            IntegrationApi.patch(token, id, etag, "{\"credentials\": {\"bearerToken\": \"a-better-token\"}}")
                    .statusCode(200);
            UUID second = requestOf(id);
            producer.send(Topics.SYNC_PROGRESS, id, TestEvents.envelope(UUID.randomUUID().toString(),
                    EventTypes.FIELDS_DISCOVERED, id, tenant, discovered(first, id, 9)));
            String answer = UUID.randomUUID().toString();
            producer.send(Topics.SYNC_PROGRESS, id,
                    TestEvents.envelope(answer, EventTypes.FIELDS_DISCOVERED, id, tenant,
                            discovered(second, id, 14)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> health(token, id)
                    .body("connection.status", equalTo("OK"))
                    .body("connection.fields", equalTo(14))
                    .body("connection.error", nullValue()));

            // the failure redelivered after the success: recognised, nothing changes
            producer.send(Topics.SYNC_PROGRESS, id, TestEvents.envelope(failed, EventTypes.DISCOVERY_FAILED, id,
                    tenant, """
                            {"requestId":"%s","integrationId":"%s","sourceType":"SCIM","reason":"late",
                             "at":"2026-11-22T08:00:03Z"}""".formatted(second, id)));
            // a marker behind it on the same partition: another integration's answer; once applied, so was the above
            String other = IntegrationApi.create(token, IntegrationApi.scim("Marker"));
            producer.send(Topics.SYNC_PROGRESS, id, TestEvents.envelope(UUID.randomUUID().toString(),
                    EventTypes.DISCOVERY_FAILED, other, tenant, """
                            {"requestId":"%s","integrationId":"%s","sourceType":"SCIM","reason":"marker",
                             "at":"2026-11-22T08:00:03Z"}""".formatted(requestOf(other), other)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> health(token, other)
                    .body("connection.status", equalTo("FAILED")));
            health(token, id).body("connection.status", equalTo("OK")).body("connection.fields", equalTo(14));
        }
    }

    private static String discovered(UUID request, String id, int fields) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < fields; i++) {
            list.append(i == 0 ? "" : ",").append("{\"name\":\"f" + i + "\",\"type\":\"TEXT\",\"samples\":[\"x\"]}");
        }
        return """
                {"requestId":"%s","integrationId":"%s","sourceType":"SCIM","recordsRead":200,"fields":[%s],
                 "discoveredAt":"2026-11-22T08:00:04Z"}""".formatted(request, id, list);
    }

    private static io.restassured.response.ValidatableResponse health(String token, String id) {
        return given().auth().oauth2(token).get("/api/v1/integrations/" + id).then().statusCode(200)
                .rootPath("health");
    }

    private UUID requestOf(String id) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) em
                .createNativeQuery("SELECT request_id FROM connection_check WHERE integration_id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult());
    }

}
