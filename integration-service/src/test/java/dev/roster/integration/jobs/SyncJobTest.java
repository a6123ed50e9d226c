package dev.roster.integration.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

@QuarkusTest
class SyncJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aManualSyncIsQueuedAndRequestedAndASecondOneIsRefused() throws Exception {
        Fixture f = new Fixture();
        try (TopicProbe requests = TopicProbe.open(bootstrap, Topics.SYNC_REQUESTS)) {
            String job = given().auth().oauth2(f.token).post(f.syncs())
                    .then().statusCode(202)
                    .header("Location", containsString("/syncs/"))
                    .body("state", equalTo("QUEUED"))
                    .body("mode", equalTo("FULL"))
                    .body("trigger", equalTo("MANUAL"))
                    .body("requestedBy", equalTo("alice"))
                    .body("attempt", equalTo(1))
                    .extract().path("id");

            JsonNode requested = JSON.readTree(requests.await(r -> f.integration.equals(r.key())
                    && r.value().contains("sync.requested"), 1, Duration.ofSeconds(30)).get(0).value());
            assertEquals(job, requested.get("data").get("jobId").asText());
            assertEquals("FULL", requested.get("data").get("mode").asText());
            assertEquals(1, requested.get("data").get("attempt").asInt());

            given().auth().oauth2(f.token).post(f.syncs())
                    .then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("runningJobId", equalTo(job))
                    .body("detail", containsString(job));
        }
    }

    @Test
    void startingNeedsTheIntegrationsPermissionAndTheRightTenant() {
        Fixture f = new Fixture();
        given().auth().oauth2(TestTokens.token("mia", f.tenant, Permissions.MAPPINGS_EDIT)).post(f.syncs())
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("x", "other-" + f.tenant, Permissions.INTEGRATIONS_EDIT)).post(f.syncs())
                .then().statusCode(404).contentType("application/problem+json");
        given().post(f.syncs()).then().statusCode(401);
        given().auth().oauth2(f.token).post("/api/v1/integrations/" + UUID.randomUUID() + "/syncs")
                .then().statusCode(404);
    }

    @Test
    void reportsDriveTheJobToItsEndAndLateOnesChangeNothing() {
        Fixture f = new Fixture();
        String job = f.start();
        try (JobReports reports = new JobReports(bootstrap, f.tenant)) {
            reports.started(job, f.integration, 4);
            f.awaitJob(job, "state", "RUNNING");
            reports.progress(job, f.integration, 50, 200L);
            f.awaitJob(job, "counts.fetched", 50);
            f.job(job).body("percent", equalTo(25)).body("mappingVersion", equalTo(4)).body("total", equalTo(200));

            // Out of order: an older total arrives after a newer one; counts never go back.
            reports.progress(job, f.integration, 150, 200L);
            reports.progress(job, f.integration, 100, 200L);
            reports.completed(job, f.integration, "SUCCEEDED", null);
            f.awaitJob(job, "state", "SUCCEEDED");
            f.job(job).body("counts.fetched", equalTo(150)).body("counts.created", equalTo(7))
                    .body("percent", equalTo(100)).body("finishedAt", notNullValue());

            // A finished job stays finished, whatever comes late.
            reports.started(job, f.integration, 5);
            reports.failed(job, f.integration, "late failure");
            String marker = f.start();
            reports.started(marker, f.integration, 5);
            f.awaitJob(marker, "state", "RUNNING");
            f.job(job).body("state", equalTo("SUCCEEDED")).body("mappingVersion", equalTo(4)).body("error",
                    equalTo(null));

            given().auth().oauth2(f.token).get("/api/v1/integrations/" + f.integration).then()
                    .body("health.lastSyncState", equalTo("SUCCEEDED"))
                    .body("health.consecutiveFailures", equalTo(0));
        }
    }

    @Test
    void perRecordErrorsAreKeptOnceAndPaged() {
        Fixture f = new Fixture();
        String job = f.start();
        try (JobReports reports = new JobReports(bootstrap, f.tenant)) {
            String first = reports.errors(job, f.integration, 0, 3);
            reports.resend(first, dev.roster.commons.events.EventTypes.RECORD_ERRORS, job,
                    """
                            {"jobId":"%s","integrationId":"%s","batch":0,"errors":[{"sourceRecordId":"rec-0-0","field":"x","reason":"y"}]}"""
                            .formatted(job, f.integration));
            reports.errors(job, f.integration, 0, 3); // the same batch under a new event id
            reports.errors(job, f.integration, 1, 2);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> errorIds(f, job, null, 100).size() == 5);

            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                var request = given().auth().oauth2(f.token).queryParam("limit", 2);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get(f.syncs() + "/" + job + "/errors").then().statusCode(200).extract()
                        .jsonPath();
                paged.addAll(page.getList("items.sourceRecordId"));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            assertEquals(List.of("rec-0-0", "rec-0-1", "rec-0-2", "rec-1-0", "rec-1-1"), paged);
            given().auth().oauth2(f.token).get(f.syncs() + "/" + job + "/errors").then()
                    .body("items[0].field", equalTo("hireDate"))
                    .body("items[0].reason", containsString("not a date"));
            given().auth().oauth2(f.token).queryParam("limit", 0).get(f.syncs() + "/" + job + "/errors")
                    .then().statusCode(400).body("errors[0].field", equalTo("limit"));
            given().auth().oauth2(f.token).queryParam("cursor", "%%%").get(f.syncs() + "/" + job + "/errors")
                    .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        }
    }

    @Test
    void failuresShowOnTheIntegrationAndASuccessClearsThem() {
        Fixture f = new Fixture();
        String job = f.start();
        try (JobReports reports = new JobReports(bootstrap, f.tenant)) {
            reports.failed(job, f.integration, "Staffbase answered 401: the API token was refused");
            f.awaitJob(job, "state", "FAILED");
            f.job(job).body("error", containsString("401"));
            given().auth().oauth2(f.token).get("/api/v1/integrations/" + f.integration).then()
                    .body("health.lastSyncState", equalTo("FAILED"))
                    .body("health.lastError", containsString("API token"))
                    .body("health.consecutiveFailures", equalTo(1))
                    .body("health.backingOff", equalTo(false));

            String next = f.start();
            reports.completed(next, f.integration, "SUCCEEDED", null);
            f.awaitJob(next, "state", "SUCCEEDED");
            given().auth().oauth2(f.token).get("/api/v1/integrations/" + f.integration).then()
                    .body("health.consecutiveFailures", equalTo(0))
                    .body("health.lastError", equalTo(null));
        }
    }

    @Test
    void aHeldSweepWaitsForAConfirmationThatIsSentOnce() throws Exception {
        Fixture f = new Fixture();
        String job = f.start();
        try (JobReports reports = new JobReports(bootstrap, f.tenant);
                TopicProbe commands = TopicProbe.open(bootstrap, Topics.CONTACT_COMMANDS)) {
            reports.completed(job, f.integration, "AWAITING_CONFIRMATION", 600L);
            f.awaitJob(job, "state", "AWAITING_CONFIRMATION");
            f.job(job).body("heldRemovals", equalTo(600));

            given().auth().oauth2(TestTokens.token("mia", f.tenant, Permissions.MAPPINGS_EDIT))
                    .post(f.syncs() + "/" + job + "/confirm-deletions").then().statusCode(403);
            given().auth().oauth2(f.token).post(f.syncs() + "/" + job + "/confirm-deletions")
                    .then().statusCode(202).body("deletionsConfirmedBy", equalTo("alice"));
            given().auth().oauth2(f.token).post(f.syncs() + "/" + job + "/confirm-deletions")
                    .then().statusCode(409).contentType("application/problem+json");

            JsonNode confirmed = JSON.readTree(commands.await(r -> f.integration.equals(r.key()), 1,
                    Duration.ofSeconds(30)).get(0).value());
            assertEquals("dev.roster.sync.deletions-confirmed.v1", confirmed.get("type").asText());
            assertEquals(job, confirmed.get("data").get("jobId").asText());

            reports.completed(job, f.integration, "SUCCEEDED", null);
            f.awaitJob(job, "state", "SUCCEEDED");
            given().auth().oauth2(f.token).post(f.syncs() + "/" + job + "/confirm-deletions")
                    .then().statusCode(409);
        }
    }

    @Test
    void theHistoryIsNewestFirstAndPaged() {
        Fixture f = new Fixture();
        List<String> started = new ArrayList<>();
        try (JobReports reports = new JobReports(bootstrap, f.tenant)) {
            for (int i = 0; i < 3; i++) {
                String job = f.start();
                started.add(0, job);
                reports.completed(job, f.integration, "SUCCEEDED", null);
                f.awaitJob(job, "state", "SUCCEEDED");
            }
        }
        JsonPath first = given().auth().oauth2(f.token).queryParam("limit", 2).get(f.syncs())
                .then().statusCode(200).extract().jsonPath();
        JsonPath second = given().auth().oauth2(f.token).queryParam("limit", 2)
                .queryParam("cursor", first.getString("nextCursor")).get(f.syncs()).then().statusCode(200).extract()
                .jsonPath();
        List<String> seen = new ArrayList<>(first.getList("items.id"));
        seen.addAll(second.getList("items.id"));
        assertEquals(started, seen);
        assertEquals(null, second.getString("nextCursor"));
        given().auth().oauth2(TestTokens.token("x", "other-" + f.tenant, Permissions.INTEGRATIONS_EDIT)).get(f.syncs())
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.token("c", f.tenant, Permissions.CONTACTS_READ)).get(f.syncs())
                .then().statusCode(403);
    }

    private static List<String> errorIds(Fixture f, String job, String cursor, int limit) {
        return given().auth().oauth2(f.token).queryParam("limit", limit).get(f.syncs() + "/" + job + "/errors")
                .then().statusCode(200).extract().jsonPath().getList("items.sourceRecordId");
    }

    /** An integration of a tenant of its own. */
    static final class Fixture {

        final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        final String token = TestTokens.token("alice", tenant, Permissions.INTEGRATIONS_EDIT,
                Permissions.MAPPINGS_EDIT);
        final String integration;

        Fixture() {
            integration = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\": \"SCIM\", \"sourceType\": \"SCIM\", \"connection\": {\"baseUrl\": \"https://scim.example.com\"}}")
                    .post("/api/v1/integrations").then().statusCode(201).extract().path("id");
        }

        String syncs() {
            return "/api/v1/integrations/" + integration + "/syncs";
        }

        String start() {
            return given().auth().oauth2(token).post(syncs()).then().statusCode(202).extract().path("id");
        }

        io.restassured.response.ValidatableResponse job(String job) {
            return given().auth().oauth2(token).get(syncs() + "/" + job).then().statusCode(200);
        }

        void awaitJob(String job, String path, Object expected) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> expected.equals(given().auth().oauth2(token).get(syncs() + "/" + job).then().extract()
                            .path(path)));
        }
    }
}
