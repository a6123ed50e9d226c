package dev.roster.worker.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TopicProbe;
import dev.roster.worker.IntegrationServiceStandIn;
import dev.roster.worker.source.SourceStateService;

/**
 * A mapping published on roster.mapping-events is the one the next job applies and records: its version in
 * JobStarted and the batches, its transformations in the contacts, its exclusions in the counts. The newest
 * version wins whatever the order of arrival, a redelivery changes nothing, and a changed unique ID field
 * makes the next sync a full one.
 */
@QuarkusTest
class PublishedMappingJobTest {

    private static final String TENANT = "acme";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    SourceStateService sources;

    @Test
    void theNextJobAppliesAndRecordsTheNewestPublishedVersion() {
        UUID integration = UUID.randomUUID();
        IntegrationServiceStandIn.register(integration, TENANT, "CSV", """
                {"delimiter": ";", "encoding": "UTF-8"}""", "{}");
        IntegrationServiceStandIn.file(integration, ("Mail;First;Last;Dept;Status\r\n"
                + " Zoe.Muller@ACME.example ;Zoë;Müller;R&D;active\r\n"
                + "ana@acme.example;Ana;Lima;Legal;active\r\n"
                + "li@acme.example;Li;Wei;Sales;active\r\n").getBytes(StandardCharsets.UTF_8));
        String v3 = UUID.randomUUID().toString();
        String v2 = UUID.randomUUID().toString();
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.MAPPING_EVENTS, integration.toString(), published(v3, integration, 3, false));
            producer.send(Topics.MAPPING_EVENTS, integration.toString(), published(v3, integration, 3, false));
            producer.send(Topics.MAPPING_EVENTS, integration.toString(), published(v2, integration, 2, false));
        }
        // one partition per key: once the late version 2 is applied, so are both deliveries of version 3
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM processed_event WHERE event_id = '" + v2 + "'") == 1);
        assertEquals(3, storedVersion(integration), "the older version 2, arriving later, is ignored");
        assertEquals(1, count("SELECT count(*) FROM processed_event WHERE event_id = '" + v3 + "'"));

        UUID job = UUID.randomUUID();
        try (TopicProbe commands = TopicProbe.open(bootstrap, Topics.CONTACT_COMMANDS);
                TopicProbe progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), Jobs.syncRequested(UUID.randomUUID().toString(),
                    job, integration, TENANT, "CSV", "FULL", 1));
            JsonNode end = Jobs.awaitEnd(commands, job, Duration.ofSeconds(60));
            progress.await(r -> r.value().contains(EventTypes.JOB_STARTED) && r.value().contains(job.toString()), 1,
                    Duration.ofSeconds(30));
            assertEquals(3, Jobs.ofJob(progress, job, EventTypes.JOB_STARTED).get(0).path("data")
                    .path("mappingVersion").asInt());
            Map<String, JsonNode> contacts = new HashMap<>();
            for (JsonNode batch : Jobs.ofJob(commands, job, EventTypes.CONTACT_UPSERT_BATCH)) {
                assertEquals(3, batch.path("data").path("mappingVersion").asInt());
                batch.path("data").path("upserts").forEach(c -> contacts.put(c.path("uniqueId").asText(),
                        c.path("fields")));
            }
            assertEquals(2, contacts.size(), contacts.toString());
            assertEquals("ZOË MÜLLER", contacts.get("zoe.muller@acme.example").path("displayName").asText(),
                    "joined, then upper case");
            assertEquals("R&D", contacts.get("zoe.muller@acme.example").path("department").asText());
            assertTrue(contacts.containsKey("li@acme.example"));
            assertEquals(1, end.path("counts").path("skippedExcluded").asLong(), "Legal is excluded");
        }
    }

    @Test
    void theMappingsAcceptedStatusesDecideWhoIsImported() {
        UUID integration = UUID.randomUUID();
        IntegrationServiceStandIn.register(integration, TENANT, "CSV", """
                {"delimiter": ";", "encoding": "UTF-8"}""", "{}");
        IntegrationServiceStandIn.file(integration, ("Mail;First;Last;Dept;Status\r\n"
                + "ana@acme.example;Ana;Lima;R&D;active\r\n"
                + "bo@acme.example;Bo;Berg;R&D;on leave\r\n"
                + "cy@acme.example;Cy;Chan;R&D;inactive\r\n"
                + "di@acme.example;Di;Dunn;R&D;left\r\n").getBytes(StandardCharsets.UTF_8));
        // the file's own rule (no accepted statuses) takes everyone but 'inactive'; the mapping narrows it down
        String mapping = UUID.randomUUID().toString();
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.MAPPING_EVENTS, integration.toString(), published(mapping, integration, 2, false)
                    .replace("[\"active\"]", "[\"active\", \"on leave\"]"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> storedVersion(integration) != null);

        UUID job = UUID.randomUUID();
        try (TopicProbe commands = TopicProbe.open(bootstrap, Topics.CONTACT_COMMANDS);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), Jobs.syncRequested(UUID.randomUUID().toString(),
                    job, integration, TENANT, "CSV", "FULL", 1));
            JsonNode end = Jobs.awaitEnd(commands, job, Duration.ofSeconds(60));
            java.util.Set<String> imported = new java.util.TreeSet<>();
            Jobs.ofJob(commands, job, EventTypes.CONTACT_UPSERT_BATCH).forEach(batch -> batch.path("data")
                    .path("upserts").forEach(c -> imported.add(c.path("uniqueId").asText())));
            assertEquals(java.util.Set.of("ana@acme.example", "bo@acme.example"), imported);
            assertEquals(2, end.path("counts").path("skippedInactive").asLong(), "'inactive' and 'left' counted");
        }
    }

    @Test
    void aChangedUniqueIdFieldMakesTheNextSyncAFullOne() {
        UUID integration = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> sources.deltaLink(integration, TENANT, "ENTRA_ID",
                "https://graph.example/delta?token=1", null));
        assertEquals("https://graph.example/delta?token=1", sources.deltaLink(integration));
        UUID startedBefore = run(integration, "now() - interval '1 hour'");
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.MAPPING_EVENTS, integration.toString(),
                    published(UUID.randomUUID().toString(), integration, 4, true));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> storedVersion(integration) != null);
        assertNull(sources.deltaLink(integration), "no incremental read until a full one");
        QuarkusTransaction.requiringNew().run(() -> sources.deltaLink(integration, TENANT, "ENTRA_ID",
                "https://graph.example/delta?token=2", null));
        assertNull(sources.deltaLink(integration), "an incremental read does not count");
        QuarkusTransaction.requiringNew().run(() -> sources.deltaLink(integration, TENANT, "ENTRA_ID",
                "https://graph.example/delta?token=3", startedBefore));
        assertNull(sources.deltaLink(integration), "nor does a full read that began with the old mapping");
        UUID startedAfter = run(integration, "now()");
        QuarkusTransaction.requiringNew().run(() -> sources.deltaLink(integration, TENANT, "ENTRA_ID",
                "https://graph.example/delta?token=4", startedAfter));
        assertEquals("https://graph.example/delta?token=4", sources.deltaLink(integration));
    }

    /** A job of the integration that started at {@code startedAt} (SQL). */
    private UUID run(UUID integration, String startedAt) {
        UUID job = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO sync_run (job_id, integration_id, tenant_id, source_type, requested_mode, mode, attempt,
                                      state, requested_at, started_at)
                VALUES (?1, ?2, 'acme', 'ENTRA_ID', 'FULL', 'FULL', 1, 'RUNNING', now(), %s)""".formatted(startedAt))
                .setParameter(1, job).setParameter(2, integration).executeUpdate());
        return job;
    }

    @Test
    void aMappingTheRulesRefuseIsSetAsideAndConsumptionGoesOn() {
        UUID integration = UUID.randomUUID();
        String bad = published(UUID.randomUUID().toString(), integration, 5, false).replace("\"Legal\"",
                "\"Legal\"}, {\"attribute\": \"Mail\", \"operator\": \"MATCHES\", \"value\": \"([\"");
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.MAPPING_EVENTS, integration.toString(), bad);
            producer.send(Topics.MAPPING_EVENTS, "garbage", "{not json");
            producer.send(Topics.MAPPING_EVENTS, integration.toString(),
                    published(UUID.randomUUID().toString(), integration, 6, false));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> storedVersion(integration) != null);
        assertEquals(6, storedVersion(integration));
    }

    /** Mail (trimmed, lower case) is the unique ID; First and Last joined, upper case; people of Legal left out. */
    static String published(String eventId, UUID integration, int version, boolean uniqueIdFieldChanged) {
        String data = """
                {"integrationId": "%s", "sourceType": "CSV", "version": %d, "uniqueIdField": "email",
                 "uniqueIdFieldChanged": %s,
                 "fields": [
                   {"target": "email", "targetType": "EMAIL", "sources": ["Mail"],
                    "transformations": [{"kind": "TRIM"}, {"kind": "LOWER_CASE"}]},
                   {"target": "displayName", "targetType": "TEXT", "sources": ["First"],
                    "transformations": [{"kind": "JOIN", "fields": ["Last"], "separator": " "},
                                        {"kind": "UPPER_CASE"}]},
                   {"target": "department", "targetType": "TEXT", "sources": ["Dept"], "transformations": []}],
                 "exclusions": [{"allOf": [{"attribute": "Dept", "operator": "EQUALS", "value": "Legal"}]}],
                 "acceptedStatuses": ["active"], "publishedAt": "2026-11-22T09:00:00Z"}"""
                .formatted(integration, version, uniqueIdFieldChanged);
        return TestEvents.envelope(eventId, EventTypes.MAPPING_PUBLISHED, integration.toString(), TENANT, data);
    }

    private Integer storedVersion(UUID integration) {
        return QuarkusTransaction.requiringNew().call(() -> {
            java.util.List<?> rows = em.createNativeQuery(
                    "SELECT version FROM published_mapping WHERE integration_id = ?1").setParameter(1, integration)
                    .getResultList();
            return rows.isEmpty() ? null : ((Number) rows.get(0)).intValue();
        });
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
