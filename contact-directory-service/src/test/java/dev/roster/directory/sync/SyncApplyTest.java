package dev.roster.directory.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.ContactUpsertBatch.ContactUpsert;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TopicProbe;

/** Syncs applied over the real broker: the contact events and the job reports they yield. */
@QuarkusTest
class SyncApplyTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    private final String tenant = "t-" + UUID.randomUUID();
    private final UUID integration = UUID.randomUUID();
    private TestProducer producer;
    private TopicProbe contactEvents;
    private TopicProbe progress;
    private SyncCommands worker;

    @BeforeEach
    void open() {
        producer = new TestProducer(bootstrap);
        contactEvents = TopicProbe.open(bootstrap, Topics.CONTACT_EVENTS);
        progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
        worker = new SyncCommands(codec, producer, tenant, integration);
    }

    @AfterEach
    void close() {
        producer.close();
        contactEvents.close();
        progress.close();
    }

    @Test
    void tenThousandPeopleSyncedTwiceAreCreatedOnceThenUnchanged() {
        long analyzedBefore = analyzeCount();
        UUID first = worker.fullSync(10_000, 1_000, n -> SyncCommands.person(n, "Engineer"));
        JsonNode completed = awaitCompleted(first);
        assertEquals("SUCCEEDED", completed.path("outcome").asText());
        assertEquals(10_000, completed.path("counts").path("created").asLong());
        // a job that changed this many contacts refreshes the planner's statistics right away
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> analyzeCount() > analyzedBefore);
        assertEquals(10_000, awaitContactEvents(EventTypes.CONTACT_CREATED, 10_000).size());
        Set<String> keys = new HashSet<>();
        awaitContactEvents(EventTypes.CONTACT_CREATED, 10_000).forEach(r -> keys.add(r.key()));
        assertEquals(10_000, keys.size(), "one event per contact, keyed by contact id");

        UUID second = worker.fullSync(10_000, 1_000, n -> SyncCommands.person(n, "Engineer"));
        completed = awaitCompleted(second);
        assertEquals(10_000, completed.path("counts").path("unchanged").asLong());
        assertEquals(0, completed.path("counts").path("created").asLong());
        assertEquals(0, completed.path("counts").path("removed").asLong());
        assertEquals(10_000, contactEvents(null).size(), "no event for an unchanged contact");
    }

    @Test
    void changingAHundredPeopleYieldsAHundredUpdates() {
        awaitCompleted(worker.fullSync(1_000, 500, n -> SyncCommands.person(n, "Engineer")));
        UUID second = worker.fullSync(1_000, 500,
                n -> SyncCommands.person(n, n % 10 == 0 ? "Manager" : "Engineer"));
        JsonNode completed = awaitCompleted(second);
        assertEquals(100, completed.path("counts").path("updated").asLong());
        assertEquals(900, completed.path("counts").path("unchanged").asLong());
        List<JsonNode> updates = awaitContactEvents(EventTypes.CONTACT_UPDATED, 100).stream().map(this::data)
                .toList();
        assertEquals(100, updates.size());
        updates.forEach(u -> {
            assertEquals("[\"jobTitle\"]", u.path("changedFields").toString());
            assertEquals("Manager", u.path("fields").path("jobTitle").asText());
        });
    }

    @Test
    void aSweepRemovesThePeopleTheSourceNoLongerHas() {
        awaitCompleted(worker.fullSync(1_000, 500, n -> SyncCommands.person(n, "Engineer")));
        JsonNode completed = awaitCompleted(worker.fullSync(950, 500, n -> SyncCommands.person(n, "Engineer")));
        assertEquals("SUCCEEDED", completed.path("outcome").asText());
        assertEquals(50, completed.path("counts").path("removed").asLong());
        List<JsonNode> deleted = awaitContactEvents(EventTypes.CONTACT_DELETED, 50).stream().map(this::data)
                .toList();
        assertEquals(50, deleted.size());
        assertTrue(deleted.stream()
                .allMatch(d -> Integer.parseInt(d.path("uniqueId").asText().replaceAll("\\D", "")) >= 950));
        assertEquals(950L, contacts());
    }

    @Test
    void theThresholdHoldsASweepOfSixtyPercentUntilConfirmed() {
        awaitCompleted(worker.fullSync(100, 100, n -> SyncCommands.person(n, "Engineer")));
        UUID job = worker.fullSync(40, 100, n -> SyncCommands.person(n, "Engineer"));
        JsonNode held = awaitCompleted(job);
        assertEquals("AWAITING_CONFIRMATION", held.path("outcome").asText());
        assertEquals(60, held.path("heldRemovals").asLong());
        assertEquals(0, contactEvents(EventTypes.CONTACT_DELETED).size());
        assertEquals(100L, contacts());

        worker.confirm(job);
        JsonNode confirmed = progress.await(r -> isReport(r, job, EventTypes.JOB_COMPLETED), 2, WAIT).stream()
                .map(this::data).filter(d -> "SUCCEEDED".equals(d.path("outcome").asText())).findFirst()
                .orElseThrow();
        assertEquals(60, confirmed.path("counts").path("removed").asLong());
        assertEquals(60, awaitContactEvents(EventTypes.CONTACT_DELETED, 60).size());
        assertEquals(40L, contacts());
    }

    @Test
    void replayingEveryCommandChangesNothing() {
        UUID first = worker.fullSync(300, 100, n -> SyncCommands.person(n, "Engineer"));
        awaitCompleted(first);
        UUID second = worker.fullSync(280, 100, n -> SyncCommands.person(n, n < 10 ? "Lead" : "Engineer"));
        awaitCompleted(second);
        int events = awaitContactEvents(null, 300 + 10 + 20).size();
        Set<String> jobs = Set.of(first.toString(), second.toString());
        int reports = progress.poll(r -> jobs.contains(r.key())).size();

        List<String> all = List.copyOf(worker.sent);
        all.forEach(worker::resend);
        UUID marker = worker.fullSync(280, 100, n -> SyncCommands.person(n, n < 10 ? "Lead" : "Engineer"));
        awaitCompleted(marker);
        assertEquals(330, events);
        assertEquals(events, contactEvents(null).size());
        assertEquals(reports, progress.poll(r -> jobs.contains(r.key())).size());
        assertEquals(280L, contacts());
    }

    @Test
    void aBatchResentUnderANewEventIdIsAppliedOnce() {
        UUID job = UUID.randomUUID();
        List<ContactUpsert> people = List.of(SyncCommands.person(1, "Engineer"), SyncCommands.person(2, "Engineer"));
        worker.batch(job, 1, people, List.of());
        worker.batch(job, 1, List.of(SyncCommands.person(1, "Changed")), List.of());
        worker.end(job, 1, true);
        JsonNode completed = awaitCompleted(job);
        // commands are applied two at a time, so either copy may come first; exactly one of them counts
        long created = completed.path("counts").path("created").asLong();
        assertEquals(created, contacts());
        assertEquals(created == 2 ? "Engineer" : "Changed", QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT fields ->> 'jobTitle' FROM contact WHERE tenant_id = ?1 AND unique_id = ?2")
                .setParameter(1, tenant).setParameter(2, "p1@example.com").getSingleResult()));
        assertEquals(0, completed.path("counts").path("updated").asLong());
        assertEquals(created, awaitContactEvents(null, (int) created).size());
    }

    @Test
    void anIncrementalReadRemovesTheLinksItReportsGone() {
        awaitCompleted(worker.fullSync(10, 10, n -> SyncCommands.person(n, "Engineer")));
        UUID job = UUID.randomUUID();
        worker.batch(job, 1, List.of(SyncCommands.person(0, "Lead")), List.of("p1", "p2"));
        worker.end(job, 1, false);
        JsonNode completed = awaitCompleted(job);
        assertEquals(1, completed.path("counts").path("updated").asLong());
        assertEquals(2, completed.path("counts").path("removed").asLong());
        assertEquals(2, awaitContactEvents(EventTypes.CONTACT_DELETED, 2).size());
        assertEquals(8L, contacts());
    }

    @Test
    void theSourceWithTheHigherPriorityWinsADisagreement() {
        UUID older = integration;
        UUID newer = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("INSERT INTO source_integration VALUES (?1, ?2, 'old', 'STAFFBASE', NULL,"
                    + " now() - interval '1 day')").setParameter(1, older).setParameter(2, tenant).executeUpdate();
            em.createNativeQuery("INSERT INTO source_integration VALUES (?1, ?2, 'new', 'ENTRA_ID', NULL, now())")
                    .setParameter(1, newer).setParameter(2, tenant).executeUpdate();
        });
        SyncCommands entra = new SyncCommands(codec, producer, tenant, newer);
        awaitCompleted(entra.fullSync(1, 1, n -> new ContactUpsert("e1", "p1@example.com",
                Map.of("jobTitle", "Entra title", "city", "Berlin"))));
        awaitCompleted(worker.fullSync(1, 1, n -> new ContactUpsert("s1", "p1@example.com",
                Map.of("jobTitle", "Staffbase title"))));
        JsonNode updated = data(awaitContactEvents(EventTypes.CONTACT_UPDATED, 1).get(0));
        assertEquals("Staffbase title", updated.path("fields").path("jobTitle").asText(), "the oldest wins");
        assertEquals("Berlin", updated.path("fields").path("city").asText());

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE source_integration SET priority = 10 WHERE integration_id = ?1").setParameter(1, newer)
                .executeUpdate());
        awaitCompleted(entra.fullSync(1, 1, n -> new ContactUpsert("e1", "p1@example.com",
                Map.of("jobTitle", "Entra title 2", "city", "Berlin"))));
        JsonNode second = data(awaitContactEvents(EventTypes.CONTACT_UPDATED, 2).get(1));
        assertEquals("Entra title 2", second.path("fields").path("jobTitle").asText(), "an explicit priority wins");
        assertEquals(1L, contacts());
    }

    private JsonNode awaitCompleted(UUID job) {
        return data(progress.await(r -> isReport(r, job, EventTypes.JOB_COMPLETED), 1, WAIT).get(0));
    }

    private boolean isReport(ConsumerRecord<String, String> r, UUID job, String type) {
        return r.key().equals(job.toString()) && type.equals(read(r).path("type").asText());
    }

    private List<ConsumerRecord<String, String>> awaitContactEvents(String type, int count) {
        return contactEvents.await(r -> ofTenant(r, type), count, WAIT);
    }

    private List<ConsumerRecord<String, String>> contactEvents(String type) {
        return contactEvents.poll(r -> ofTenant(r, type));
    }

    private boolean ofTenant(ConsumerRecord<String, String> r, String type) {
        JsonNode event = read(r);
        return tenant.equals(event.path("tenantid").asText())
                && (type == null || type.equals(event.path("type").asText()));
    }

    private long analyzeCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'contact'")
                .getSingleResult()).longValue());
    }

    private long contacts() {
        return QuarkusTransaction.requiringNew().call(() -> (Long) em
                .createNativeQuery("SELECT count(*) FROM contact WHERE tenant_id = ?1", Long.class)
                .setParameter(1, tenant).getSingleResult());
    }

    private JsonNode data(ConsumerRecord<String, String> r) {
        return read(r).path("data");
    }

    private JsonNode read(ConsumerRecord<String, String> r) {
        try {
            return json.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
