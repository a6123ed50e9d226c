package dev.roster.integration.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.Topics;
import dev.roster.integration.jobs.SyncJobTest.Fixture;
import dev.roster.integration.service.SyncJobService;
import dev.roster.testinfra.TopicProbe;

@QuarkusTest
class SchedulerTest {

    @Inject
    SyncJobService jobs;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void twoSchedulersStartADueSyncOnceNotTwice() throws Exception {
        Fixture f = new Fixture();
        Fixture paused = new Fixture();
        sql("UPDATE integration SET next_run_at = now() - interval '1 minute' WHERE id IN (?1, ?2)",
                UUID.fromString(f.integration), UUID.fromString(paused.integration));
        sql("UPDATE integration SET schedule_paused = TRUE WHERE id = ?1", UUID.fromString(paused.integration));

        // Two replicas' schedulers wake at the same moment, each in its own transaction.
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> rounds = List.of(
                    replicas.submit(() -> round(go)), replicas.submit(() -> round(go)));
            go.countDown();
            for (Future<Integer> round : rounds) {
                round.get();
            }
        } finally {
            replicas.shutdown();
        }

        assertEquals(1L,
                count("SELECT count(*) FROM sync_job WHERE integration_id = ?1", UUID.fromString(f.integration)));
        assertEquals(0L,
                count("SELECT count(*) FROM sync_job WHERE integration_id = ?1", UUID.fromString(paused.integration)));
        given().auth().oauth2(f.token).get(f.syncs()).then()
                .body("items.size()", equalTo(1))
                .body("items[0].trigger", equalTo("SCHEDULE"))
                .body("items[0].requestedBy", equalTo(null));
        String nextRun = given().auth().oauth2(f.token).get("/api/v1/integrations/" + f.integration)
                .then().extract().path("schedule.nextRunAt");
        assertTrue(OffsetDateTime.parse(nextRun).isAfter(OffsetDateTime.now().plusHours(23)), "due again in 24 hours");

        // Nothing is due any more: another round starts nothing.
        assertEquals(0, round(new CountDownLatch(0)));
    }

    @Test
    void aJobWhoseWorkerWentQuietIsHandedOverThenFailed() throws Exception {
        Fixture f = new Fixture();
        String job = f.start();
        try (TopicProbe requests = TopicProbe.open(bootstrap, Topics.SYNC_REQUESTS)) {
            for (int attempt = 2; attempt <= 3; attempt++) {
                goQuiet(job);
                QuarkusTransaction.requiringNew().call(() -> jobs.reassignStalled(OffsetDateTime.now(ZoneOffset.UTC)));
                f.job(job).body("state", equalTo("QUEUED")).body("attempt", equalTo(attempt));
                int expected = attempt;
                requests.await(r -> r.value().contains("\"attempt\":" + expected) && r.value().contains(job), 1,
                        Duration.ofSeconds(30));
            }
            goQuiet(job);
            QuarkusTransaction.requiringNew().call(() -> jobs.reassignStalled(OffsetDateTime.now(ZoneOffset.UTC)));
            f.job(job).body("state", equalTo("FAILED")).body("attempt", equalTo(3));
            given().auth().oauth2(f.token).get("/api/v1/integrations/" + f.integration).then()
                    .body("health.consecutiveFailures", equalTo(1));
            // With the job ended, a new sync may start.
            f.start();
        }
    }

    @Test
    void repeatedFailuresBackTheScheduleOffToDaily() {
        Fixture f = new Fixture();
        given().auth().oauth2(f.token).contentType("application/json")
                .header("If-Match",
                        given().auth().oauth2(f.token).get("/api/v1/integrations/" + f.integration).header("ETag"))
                .body("{\"schedule\": {\"kind\": \"INTERVAL\", \"interval\": \"PT1H\"}}")
                .patch("/api/v1/integrations/" + f.integration).then().statusCode(200);
        sql("UPDATE integration SET consecutive_failures = 4 WHERE id = ?1", UUID.fromString(f.integration));
        String job = f.start();
        try (JobReports reports = new JobReports(bootstrap, f.tenant)) {
            reports.failed(job, f.integration, "source unreachable");
            f.awaitJob(job, "state", "FAILED");
        }
        var integration = given().auth().oauth2(f.token).get("/api/v1/integrations/" + f.integration).then()
                .body("health.consecutiveFailures", equalTo(5))
                .body("health.backingOff", equalTo(true))
                .extract();
        OffsetDateTime lastSync = OffsetDateTime.parse(integration.path("health.lastSyncAt"));
        OffsetDateTime nextRun = OffsetDateTime.parse(integration.path("schedule.nextRunAt"));
        assertEquals(Duration.ofDays(1), Duration.between(lastSync, nextRun), "daily, not hourly, while backing off");
    }

    private int round(CountDownLatch go) throws InterruptedException {
        go.await();
        return QuarkusTransaction.requiringNew().call(() -> jobs.startDue(OffsetDateTime.now(ZoneOffset.UTC)));
    }

    private void goQuiet(String job) {
        sql("UPDATE sync_job SET last_progress_at = now() - interval '1 hour' WHERE id = ?1", UUID.fromString(job));
    }

    private void sql(String statement, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = em.createNativeQuery(statement);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            query.executeUpdate();
        });
    }

    private long count(String statement, Object param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(statement)
                .setParameter(1, param).getSingleResult()).longValue());
    }
}
