package dev.roster.integration.rest;

import static dev.roster.integration.rest.IntegrationApi.editor;
import static dev.roster.integration.rest.IntegrationApi.etagOf;
import static dev.roster.integration.rest.IntegrationApi.freshTenant;
import static dev.roster.integration.rest.IntegrationApi.patch;
import static dev.roster.integration.rest.IntegrationApi.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** A secret goes in once and never comes out: not in responses, not in logs, not in clear in the database. */
@QuarkusTest
class SecretsStayHiddenTest {

    private static final String SECRET = "s3cr3t-" + "9d2f4a7b61c8";
    private static final String ROTATED = "r0tated-" + "5e1b7c3a90d4";

    @Inject
    EntityManager em;

    @Test
    void noSecretInResponsesLogsOrStorage() {
        CapturingHandler logs = new CapturingHandler();
        Logger root = Logger.getLogger("");
        root.addHandler(logs);
        try {
            String token = editor(freshTenant());
            StringBuilder responses = new StringBuilder();
            String body = """
                    {"name": "Entra", "sourceType": "ENTRA_ID",
                     "connection": {"directoryTenantId": "contoso.onmicrosoft.com", "clientId": "app-1"},
                     "credentials": {"clientSecret": "%s"}}""".formatted(SECRET);
            var created = post(token, body).statusCode(201).extract();
            String id = created.path("id");
            responses.append(created.asString()).append(created.headers());

            var read = given().auth().oauth2(token).get("/api/v1/integrations/" + id).then().statusCode(200).extract();
            responses.append(read.asString()).append(read.headers());
            responses.append(given().auth().oauth2(token).get("/api/v1/integrations").then().extract().asString());

            var updated = patch(token, id, etagOf(token, id),
                    "{\"credentials\": {\"clientSecret\": \"" + ROTATED + "\"}}")
                    .statusCode(200).extract();
            responses.append(updated.asString()).append(updated.headers());

            // A request that fails validation must not echo the secret either.
            responses.append(post(token, body.replace("contoso.onmicrosoft.com", "bad domain!")).statusCode(400)
                    .extract().asString());

            for (String secret : List.of(SECRET, ROTATED)) {
                assertFalse(responses.toString().contains(secret), "a response carries a secret");
                assertFalse(logs.text().contains(secret), "the log carries a secret");
                assertFalse(stored(id).contains(secret), "a secret is stored in clear");
            }
            assertTrue(responses.toString().contains("clientSecret"), "responses say which secrets are set");
            assertTrue(logs.text().contains(id), "the log of the create and the update was captured");
        } finally {
            root.removeHandler(logs);
        }
    }

    /** Everything stored about the integration and in the outbox, as text. */
    private String stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("SELECT CAST(connection AS TEXT), credentials_ciphertext,"
                    + " CAST(credential_names AS TEXT) FROM integration WHERE id = CAST(?1 AS UUID)")
                    .setParameter(1, id).getSingleResult();
            StringBuilder all = new StringBuilder().append(row[0]).append(row[2]);
            all.append(new String((byte[]) row[1], StandardCharsets.ISO_8859_1));
            em.createNativeQuery("SELECT payload FROM outbox_event WHERE event_key = ?1").setParameter(1, id)
                    .getResultList().forEach(all::append);
            return all.toString();
        });
    }

    private static final class CapturingHandler extends Handler {

        private final List<String> lines = new CopyOnWriteArrayList<>();

        CapturingHandler() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                    + " " + record.getThrown());
        }

        String text() {
            return String.join("\n", lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
