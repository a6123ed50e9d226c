package dev.roster.integration.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.security.Permissions;
import dev.roster.integration.jobs.SyncJobTest.Fixture;
import dev.roster.testinfra.TestTokens;

/** What a progress bar sees: the job now, each change, and the end. */
@QuarkusTest
class JobStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theStreamFollowsTheJobToItsEnd() throws Exception {
        Fixture f = new Fixture();
        String job = f.start();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + f.syncs().substring(1) + "/" + job + "/events"))
                .header("Authorization", "Bearer " + f.token).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> stream = response.get(30, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());

        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> stream.body()
                .filter(line -> line.startsWith("data:"))
                .forEach(line -> seen.add(read(line.substring(5).trim()))));

        try (JobReports reports = new JobReports(bootstrap, f.tenant)) {
            awaitSeen(seen, "QUEUED", 0);
            reports.started(job, f.integration, 1);
            awaitSeen(seen, "RUNNING", 0);
            reports.progress(job, f.integration, 40, 80L);
            awaitSeen(seen, "RUNNING", 40);
            reports.completed(job, f.integration, "SUCCEEDED", null);
        }

        ended.get(30, TimeUnit.SECONDS);
        assertEquals("QUEUED", seen.get(0).get("state").asText(), "the stream opens with the job as it is");
        assertEquals("SUCCEEDED", seen.get(seen.size() - 1).get("state").asText(), "and ends with its end");
        assertTrue(seen.stream().anyMatch(e -> e.get("percent") != null && e.get("percent").asInt() == 51),
                "a progress bar saw 51% (40 fetched and 1 inactive of 80): " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).get("counts").get("fetched").asLong() >= seen.get(i - 1).get("counts").get("fetched")
                    .asLong(), "progress never goes back");
        }
    }

    @Test
    void theStreamIsScopedAndGuardedLikeEveryEndpoint() {
        Fixture f = new Fixture();
        String job = f.start();
        given().auth().oauth2(TestTokens.token("x", "other-" + f.tenant, Permissions.INTEGRATIONS_EDIT))
                .get(f.syncs() + "/" + job + "/events").then().statusCode(404);
        given().auth().oauth2(TestTokens.token("c", f.tenant, Permissions.CONTACTS_READ))
                .get(f.syncs() + "/" + job + "/events").then().statusCode(403);
        given().get(f.syncs() + "/" + job + "/events").then().statusCode(401);
        given().auth().oauth2(f.token).get(f.syncs() + "/" + UUID.randomUUID() + "/events").then().statusCode(404);
    }

    private static void awaitSeen(List<JsonNode> seen, String state, long fetched) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().anyMatch(e -> state.equals(
                e.get("state").asText()) && e.get("counts").get("fetched").asLong() == fetched));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }
}
