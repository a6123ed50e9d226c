package dev.roster.worker.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.simulator.Person;
import dev.roster.simulator.PersonStatus;
import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TopicProbe;
import dev.roster.worker.IntegrationServiceStandIn;

/**
 * Sync jobs from the simulator through the worker to Kafka: a full read of 10,000 people and an incremental
 * one after changes (Entra ID), a job resumed from a dead worker's checkpoint, a redelivered request, a late
 * handover of a finished job, and a refused credential.
 */
@QuarkusTest
class SyncJobTest {

    private static final String TENANT = "acme";
    private static Population population;
    private static SourceSimulator simulator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @BeforeAll
    static void startSimulator() {
        population = new Population(4242, 10_000);
        simulator = SourceSimulator.start(population);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void aFullSyncOfTenThousandPeopleSendsEveryActivePersonOnceAndReportsTheRest() throws Exception {
        UUID integration = graphIntegration(SourceSimulator.DEFAULT_GRAPH_CLIENT_SECRET);
        UUID job = UUID.randomUUID();
        // what the population holds: the active people to import, the inactive, and the malformed by field
        Set<String> expected = new HashSet<>();
        Map<String, Set<String>> malformed = new TreeMap<>();
        int inactive = 0;
        for (int i = 0; i < population.size(); i++) {
            Person p = population.person(i);
            if (p.status() == PersonStatus.DEACTIVATED) {
                inactive++;
            } else {
                Set<String> fields = new TreeSet<>();
                if (p.email() == null || !p.email().contains("@")) {
                    fields.add("email");
                }
                if (!p.hireDate().matches("\\d{4}-\\d{2}-\\d{2}")) {
                    fields.add("hireDate");
                }
                if (fields.isEmpty()) {
                    expected.add(p.id());
                } else {
                    malformed.put(p.id(), fields);
                }
            }
        }
        assertTrue(inactive > 0 && malformed.containsValue(Set.of("email")) && malformed.containsValue(Set.of(
                "hireDate")) && malformed.containsValue(Set.of("email", "hireDate")));

        try (TopicProbe commands = TopicProbe.open(bootstrap, Topics.CONTACT_COMMANDS);
                TopicProbe progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), Jobs.syncRequested(UUID.randomUUID().toString(),
                    job, integration, TENANT, "ENTRA_ID", "FULL", 1));
            JsonNode end = Jobs.awaitEnd(commands, job, Duration.ofSeconds(90));

            List<JsonNode> batches = Jobs.ofJob(commands, job, EventTypes.CONTACT_UPSERT_BATCH);
            Map<String, JsonNode> upserted = new HashMap<>();
            for (int i = 0; i < batches.size(); i++) {
                JsonNode batch = batches.get(i);
                assertEquals(integration.toString(), batch.path("data").path("integrationId").asText());
                assertEquals(i + 1, batch.path("data").path("sequence").asLong(), "batches numbered from 1 in order");
                assertEquals("email", batch.path("data").path("uniqueIdField").asText());
                assertTrue(batch.path("data").path("upserts").size() <= 500);
                for (JsonNode contact : batch.path("data").path("upserts")) {
                    assertNull(upserted.put(contact.path("sourceId").asText(), contact), "each person once");
                }
            }
            assertEquals(expected, upserted.keySet(), "every active, well-formed person exactly once");

            Person sample = population.person(expected.stream().map(id -> indexOf(id)).findFirst().orElseThrow());
            JsonNode contact = upserted.get(sample.id());
            assertEquals(sample.email().toLowerCase(java.util.Locale.ROOT), contact.path("uniqueId").asText());
            assertEquals(sample.firstName(), contact.path("fields").path("firstName").asText());
            assertEquals(sample.lastName(), contact.path("fields").path("lastName").asText());
            assertEquals(sample.department(), contact.path("fields").path("department").asText());
            assertEquals(sample.hireDate(), contact.path("fields").path("hireDate").asText());

            assertEquals("FULL", end.path("mode").asText());
            assertTrue(end.path("sweep").asBoolean());
            assertEquals(batches.size(), end.path("batches").asLong());
            assertEquals(population.size(), end.path("counts").path("fetched").asLong());
            assertEquals(inactive, end.path("counts").path("skippedInactive").asLong());
            assertEquals(malformed.size(), end.path("counts").path("failed").asLong());

            // the malformed people come back as per-record errors naming the field
            Map<String, Set<String>> reported = new TreeMap<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                reported.clear();
                Jobs.ofJob(progress, job, EventTypes.RECORD_ERRORS).forEach(e -> e.path("data").path("errors")
                        .forEach(err -> reported.computeIfAbsent(err.path("sourceRecordId").asText(),
                                id -> new TreeSet<>()).add(err.path("field").asText())));
                return reported.size() >= malformed.size();
            });
            assertEquals(malformed, reported, "each malformed person's errors, naming the fields");
            assertFalse(Jobs.ofJob(progress, job, EventTypes.JOB_STARTED).isEmpty());
            JsonNode last = Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                    () -> Jobs.ofJob(progress, job, EventTypes.JOB_PROGRESS).stream()
                            .filter(p -> p.path("data").path("counts").path("fetched").asLong() == population.size())
                            .findFirst().orElse(null),
                    p -> p != null);
            assertEquals(inactive, last.path("data").path("counts").path("skippedInactive").asLong());
        }

        // then changes at the source, and an incremental sync sends just those
        int[] modified = population.modify(5);
        int[] deactivated = population.deactivate(3);
        int[] deleted = population.delete(2);
        int[] added = population.add(4);
        UUID incremental = UUID.randomUUID();
        try (TopicProbe commands = TopicProbe.open(bootstrap, Topics.CONTACT_COMMANDS);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), Jobs.syncRequested(UUID.randomUUID().toString(),
                    incremental, integration, TENANT, "ENTRA_ID", "INCREMENTAL", 1));
            JsonNode end = Jobs.awaitEnd(commands, incremental, Duration.ofSeconds(60));
            assertEquals("INCREMENTAL", end.path("mode").asText());
            assertFalse(end.path("sweep").asBoolean());
            Set<String> upserts = new HashSet<>();
            Set<String> removals = new HashSet<>();
            for (JsonNode batch : Jobs.ofJob(commands, incremental, EventTypes.CONTACT_UPSERT_BATCH)) {
                batch.path("data").path("upserts").forEach(c -> upserts.add(c.path("sourceId").asText()));
                batch.path("data").path("removedSourceIds").forEach(id -> removals.add(id.asText()));
            }
            // what the changed people are now: gone (deleted or inactive), or there, to be imported if well-formed
            Set<String> changed = new HashSet<>();
            Set<String> gone = new HashSet<>();
            for (int i : concat(concat(modified, added), concat(deactivated, deleted))) {
                if (population.isDeleted(i) || population.status(i) == PersonStatus.DEACTIVATED) {
                    gone.add(population.idOf(i));
                } else if (expectedWellFormed(population.person(i))) {
                    changed.add(population.idOf(i));
                }
            }
            assertEquals(changed, upserts, "only the modified and added people");
            assertEquals(gone, removals, "the deactivated and deleted people, as removals");
        }
    }

    @Test
    void aJobADeadWorkerLeftResumesFromItsCheckpoint() {
        UUID integration = UUID.randomUUID();
        IntegrationServiceStandIn.register(integration, TENANT, "STAFFBASE", """
                {"baseUrl": "%s", "pageSize": 100, "apiVersion": "V1"}""".formatted(simulator.baseUrl()),
                "{\"apiToken\": \"%s\"}".formatted(SourceSimulator.DEFAULT_STAFFBASE_TOKEN));
        UUID job = UUID.randomUUID();
        int importable = population.count(Population.importable());
        try (TopicProbe commands = TopicProbe.open(bootstrap, Topics.CONTACT_COMMANDS)) {
            // as a worker leaves a job when it dies after 3 pages and 6 batches: running, its lease run out
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    INSERT INTO sync_run (job_id, integration_id, tenant_id, source_type, requested_mode, mode, attempt,
                                          state, cursor, next_sequence, next_error_batch, fetched, owner, lease_until,
                                          requested_at, started_at)
                    VALUES (?1, ?2, 'acme', 'STAFFBASE', 'FULL', 'FULL', 1, 'RUNNING', '300', 7, 1, 300, 'dead-worker',
                            now() - interval '1 minute', now(), now())""")
                    .setParameter(1, job).setParameter(2, integration).executeUpdate());

            JsonNode end = Jobs.awaitEnd(commands, job, Duration.ofSeconds(60));
            List<JsonNode> batches = Jobs.ofJob(commands, job, EventTypes.CONTACT_UPSERT_BATCH);
            assertEquals(7, batches.get(0).path("data").path("sequence").asLong(), "numbering goes on");
            assertEquals(6 + batches.size(), end.path("batches").asLong());
            assertEquals(importable, end.path("counts").path("fetched").asLong(), "300 before, the rest now");
            Set<String> read = new HashSet<>();
            batches.forEach(b -> b.path("data").path("upserts").forEach(c -> read.add(c.path("sourceId").asText())));
            String first = population.staffbaseIdOf(population.nth(Population.importable(), 0));
            String resumedAt = population.staffbaseIdOf(population.nth(Population.importable(), 300));
            assertFalse(read.contains(first), "the pages before the checkpoint are not read again");
            assertTrue(read.contains(resumedAt) || !expectedWellFormed(population.person(
                    population.nth(Population.importable(), 300))));
        }
        assertEquals("ENDED", state(job));
    }

    @Test
    void aRedeliveredRequestRunsTheJobOnceAndALateHandoverAnnouncesTheSameEnd() {
        UUID integration = graphIntegration(SourceSimulator.DEFAULT_GRAPH_CLIENT_SECRET);
        UUID job = UUID.randomUUID();
        String request = Jobs.syncRequested(UUID.randomUUID().toString(), job, integration, TENANT, "ENTRA_ID",
                "FULL", 1);
        try (TopicProbe commands = TopicProbe.open(bootstrap, Topics.CONTACT_COMMANDS);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), request);
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), request);
            JsonNode end = Jobs.awaitEnd(commands, job, Duration.ofSeconds(90));
            int batches = Jobs.ofJob(commands, job, EventTypes.CONTACT_UPSERT_BATCH).size();
            assertEquals(batches, end.path("batches").asLong());

            // integration-service, not having heard the end in time, hands the job over: attempt 2
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), Jobs.syncRequested(
                    UUID.randomUUID().toString(), job, integration, TENANT, "ENTRA_ID", "FULL", 2));
            commands.await(r -> r.value().contains(EventTypes.SYNC_ENDED) && r.value().contains(job.toString()), 2,
                    Duration.ofSeconds(30));
            List<JsonNode> ends = Jobs.ofJob(commands, job, EventTypes.SYNC_ENDED);
            assertEquals(2, ends.size());
            assertEquals(end.path("batches"), ends.get(1).path("data").path("batches"), "the same end again");
            assertEquals(end.path("counts"), ends.get(1).path("data").path("counts"));
            assertEquals(batches, Jobs.ofJob(commands, job, EventTypes.CONTACT_UPSERT_BATCH).size(),
                    "nothing read or sent again");
        }
        assertEquals(1L, ((Number) em.createNativeQuery("SELECT count(*) FROM sync_run WHERE job_id = ?1")
                .setParameter(1, job).getSingleResult()).longValue());
    }

    @Test
    void progressIsReportedEverySecondEvenWhileTheSourceIsSlow() {
        UUID integration = UUID.randomUUID();
        IntegrationServiceStandIn.register(integration, TENANT, "STAFFBASE", """
                {"baseUrl": "%s", "pageSize": 1000, "apiVersion": "V1"}""".formatted(simulator.baseUrl()),
                "{\"apiToken\": \"%s\"}".formatted(SourceSimulator.DEFAULT_STAFFBASE_TOKEN));
        UUID job = UUID.randomUUID();
        simulator.slowNext("/api/users", 3, Duration.ofMillis(2500));
        try (TopicProbe progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
                TopicProbe commands = TopicProbe.open(bootstrap, Topics.CONTACT_COMMANDS);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), Jobs.syncRequested(UUID.randomUUID().toString(),
                    job, integration, TENANT, "STAFFBASE", "FULL", 1));
            Jobs.awaitEnd(commands, job, Duration.ofSeconds(60));
            List<java.time.OffsetDateTime> times = Jobs.ofJob(progress, job, EventTypes.JOB_PROGRESS).stream()
                    .map(e -> java.time.OffsetDateTime.parse(e.path("time").asText())).sorted().toList();
            assertTrue(times.size() >= 6, "a job of 7.5 s or more reports at least 6 times: " + times.size());
            for (int i = 1; i < times.size(); i++) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                assertTrue(gap.toMillis() <= 1500, "progress " + i + " came " + gap.toMillis() + " ms after the last");
            }
        } finally {
            simulator.clearFaults();
        }
    }

    @Test
    void aJobThatKeepsKillingItsWorkersFailsInsteadOfBeingTakenForever() {
        UUID integration = graphIntegration(SourceSimulator.DEFAULT_GRAPH_CLIENT_SECRET);
        UUID job = UUID.randomUUID();
        try (TopicProbe progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS)) {
            // taken five times already, each worker gone without a word
            QuarkusTransaction.requiringNew()
                    .run(() -> em
                            .createNativeQuery(
                                    """
                                            INSERT INTO sync_run (job_id, integration_id, tenant_id, source_type, requested_mode, attempt, claims,
                                                                  state, owner, lease_until, requested_at)
                                            VALUES (?1, ?2, 'acme', 'ENTRA_ID', 'FULL', 1, 5, 'RUNNING', 'gone', now() - interval '1 second',
                                                    now())""")
                            .setParameter(1, job).setParameter(2, integration).executeUpdate());
            progress.await(r -> r.value().contains(EventTypes.JOB_FAILED) && r.value().contains(job.toString()), 1,
                    Duration.ofSeconds(30));
            String reason = Jobs.ofJob(progress, job, EventTypes.JOB_FAILED).get(0).path("data").path("reason")
                    .asText();
            assertTrue(reason.contains("stopped unexpectedly 5 times"), reason);
        }
        assertEquals("FAILED", state(job));
    }

    @Test
    void anUploadedCsvFileIsSyncedWithItsMalformedRowsReported() {
        UUID integration = UUID.randomUUID();
        IntegrationServiceStandIn.register(integration, TENANT, "CSV", """
                {"delimiter": ";", "encoding": "UTF-8"}""", "{}");
        IntegrationServiceStandIn.file(integration, ("\uFEFFEmail;First Name;Last Name;Department;Status\r\n"
                + "zoe.muller@acme.example;Zoë;Müller;\"R&D; Berlin\";active\r\n"
                + "jurgen.nowak@acme.example;Jürgen;Nowak;Sales;inactive\r\n"
                + "broken;row\r\n"
                + "lukasz@acme.example;Łukasz;\"Sørensen\nJr.\";Legal;active\r\n"
                + "not-an-email;Ana;Lima;Legal;active\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        UUID job = UUID.randomUUID();
        try (TopicProbe commands = TopicProbe.open(bootstrap, Topics.CONTACT_COMMANDS);
                TopicProbe progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), Jobs.syncRequested(UUID.randomUUID().toString(),
                    job, integration, TENANT, "CSV", "FULL", 1));
            JsonNode end = Jobs.awaitEnd(commands, job, Duration.ofSeconds(60));
            Map<String, JsonNode> contacts = new HashMap<>();
            Jobs.ofJob(commands, job, EventTypes.CONTACT_UPSERT_BATCH).forEach(b -> b.path("data").path("upserts")
                    .forEach(c -> contacts.put(c.path("uniqueId").asText(), c.path("fields"))));
            assertEquals(Set.of("zoe.muller@acme.example", "lukasz@acme.example"), contacts.keySet());
            assertEquals("R&D; Berlin", contacts.get("zoe.muller@acme.example").path("department").asText());
            assertEquals("Sørensen\nJr.", contacts.get("lukasz@acme.example").path("lastName").asText());
            assertEquals(5, end.path("counts").path("fetched").asLong());
            assertEquals(1, end.path("counts").path("skippedInactive").asLong());
            assertEquals(2, end.path("counts").path("failed").asLong());
            progress.await(r -> r.value().contains(EventTypes.RECORD_ERRORS) && r.value().contains(job.toString()), 1,
                    Duration.ofSeconds(30));
            List<String> errors = Jobs.ofJob(progress, job, EventTypes.RECORD_ERRORS).stream()
                    .flatMap(e -> java.util.stream.StreamSupport.stream(e.path("data").path("errors").spliterator(),
                            false))
                    .map(err -> err.path("sourceRecordId").asText() + " " + err.path("field").asText()).sorted()
                    .toList();
            assertEquals(2, errors.size(), errors.toString());
            assertEquals(List.of("7 email", "row 4 null"), errors, "the bad email on line 7; line 4 is no record");
        }
    }

    @Test
    void refusedCredentialsFailTheJobWithAReasonAndNoSecret() {
        UUID integration = graphIntegration("wrong-secret-value");
        UUID job = UUID.randomUUID();
        try (TopicProbe progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.SYNC_REQUESTS, integration.toString(), Jobs.syncRequested(UUID.randomUUID().toString(),
                    job, integration, TENANT, "ENTRA_ID", "FULL", 1));
            progress.await(r -> r.value().contains(EventTypes.JOB_FAILED) && r.value().contains(job.toString()), 1,
                    Duration.ofSeconds(60));
            JsonNode failed = Jobs.ofJob(progress, job, EventTypes.JOB_FAILED).get(0).path("data");
            assertTrue(failed.path("reason").asText().contains("refused"), failed.toString());
            assertFalse(failed.toString().contains("wrong-secret-value"));
        }
        assertEquals("FAILED", state(job));
    }

    private UUID graphIntegration(String secret) {
        UUID integration = UUID.randomUUID();
        IntegrationServiceStandIn.register(integration, TENANT, "ENTRA_ID", """
                {"directoryTenantId": "%s", "clientId": "%s", "authorityUrl": "%s", "graphUrl": "%s"}"""
                .formatted(SourceSimulator.DEFAULT_GRAPH_TENANT, SourceSimulator.DEFAULT_GRAPH_CLIENT_ID,
                        simulator.baseUrl(), simulator.baseUrl()),
                "{\"clientSecret\": \"%s\"}".formatted(secret));
        return integration;
    }

    private String state(UUID job) {
        return (String) em.createNativeQuery("SELECT state FROM sync_run WHERE job_id = ?1").setParameter(1, job)
                .getSingleResult();
    }

    private static boolean expectedWellFormed(Person p) {
        return p.email() != null && p.email().contains("@") && p.hireDate().matches("\\d{4}-\\d{2}-\\d{2}");
    }

    private static int indexOf(String id) {
        for (int i = 0; i < population.size(); i++) {
            if (population.idOf(i).equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
