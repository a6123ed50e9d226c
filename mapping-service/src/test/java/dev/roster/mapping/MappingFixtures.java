package dev.roster.mapping;

import java.time.Duration;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;

/** An Entra ID integration whose fields the worker discovered, sent over the real broker. */
public final class MappingFixtures {

    private MappingFixtures() {
    }

    /** mail, givenName, surname, a hire date, a numeric cost center with one bad sample, and accountEnabled. */
    public static String fieldsDiscovered(String eventId, UUID integration, String tenant) {
        String data = """
                {"requestId": "%s", "integrationId": "%s", "sourceType": "ENTRA_ID", "recordsRead": 3,
                 "fields": [
                   {"name": "mail", "type": "TEXT", "samples": ["Ana.Lima@contoso.com", "li.wei@contoso.com",
                                                                "bot@contoso.com"]},
                   {"name": "givenName", "type": "TEXT", "samples": ["Ana", "Li", "Build"]},
                   {"name": "surname", "type": "TEXT", "samples": ["Lima", "Wei", "Bot"]},
                   {"name": "employeeHireDate", "type": "DATE", "samples": ["2021-05-01T00:00:00Z",
                                                                         "2019-03-14T00:00:00Z"]},
                   {"name": "extension_costCenter", "type": "TEXT", "samples": ["4711", "n/a"]},
                   {"name": "accountEnabled", "type": "BOOLEAN", "samples": ["true"]}],
                 "discoveredAt": "2026-11-22T08:01:10Z"}""".formatted(UUID.randomUUID(), integration);
        return TestEvents.envelope(eventId, EventTypes.FIELDS_DISCOVERED, integration.toString(), tenant, data);
    }

    /** Creates the integration, delivers its discovered fields, and waits for the suggestion (version 1). */
    public static void discovered(String bootstrap, EntityManager em, UUID integration, String tenant) {
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.INTEGRATION_EVENTS, integration.toString(),
                    TestEvents.integrationCreated(UUID.randomUUID().toString(), integration, tenant, "ENTRA_ID"));
            producer.send(Topics.SYNC_PROGRESS, integration.toString(),
                    fieldsDiscovered(UUID.randomUUID().toString(), integration, tenant));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> version(em, integration) == 1);
    }

    public static int version(EntityManager em, UUID integration) {
        return QuarkusTransaction.requiringNew().call(() -> {
            java.util.List<?> rows = em.createNativeQuery(
                    "SELECT version FROM integration_mapping WHERE integration_id = ?1").setParameter(1, integration)
                    .getResultList();
            return rows.isEmpty() ? -1 : ((Number) rows.get(0)).intValue();
        });
    }
}
