package dev.roster.integration.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

@QuarkusTest
class OutboxRelayTest {

    private static final String EDITOR = TestTokens.token("alice", "acme", Permissions.INTEGRATIONS_EDIT,
            Permissions.MAPPINGS_EDIT);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    FlakyOutboxSender sender;

    @Inject
    EntityManager em;

    @Test
    void anEventCommittedButNotSentIsPublishedLaterExactlyOnce() {
        try (TopicProbe events = TopicProbe.open(bootstrap, Topics.INTEGRATION_EVENTS)) {
            sender.failNext(3);
            String id = given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                    .body("{\"name\": \"Uploaded file\", \"sourceType\": \"CSV\"}")
                    .post("/api/v1/integrations")
                    .then().statusCode(201).extract().path("id");

            // The change is committed although the send failed: the event waits in the outbox.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sender.failed() >= 1);
            given().auth().oauth2(EDITOR).get("/api/v1/integrations/" + id).then().statusCode(200);

            // Once the broker answers again, the relay delivers it, and only once.
            events.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
            assertEquals(3, sender.failed());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> publishedAt(id) != null);
            assertEquals(1, events.poll(r -> id.equals(r.key())).size());
        }
    }

    @Test
    void aRolledBackChangeLeavesNoEvent() {
        long before = countUnpublishedOrPublished();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("INSERT INTO outbox_event (id, topic, event_key, event_type, payload, created_at)"
                        + " VALUES (?1, 'roster.integration-events', 'k', 't', '{}', now())")
                        .setParameter(1, UUID.randomUUID()).executeUpdate();
                throw new IllegalStateException("the business write failed");
            });
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("business write"));
        }
        assertEquals(before, countUnpublishedOrPublished());
    }

    private Object publishedAt(String integrationId) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT published_at FROM outbox_event WHERE event_key = ?1")
                .setParameter(1, integrationId).getResultList().stream().findFirst().orElse(null));
    }

    private long countUnpublishedOrPublished() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_event").getSingleResult()).longValue());
    }
}
