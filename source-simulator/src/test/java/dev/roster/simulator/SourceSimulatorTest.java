package dev.roster.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SourceSimulatorTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return MAPPER.readTree(r.body());
    }

    static String staffbaseAuth() {
        return "Basic " + SourceSimulator.DEFAULT_STAFFBASE_TOKEN;
    }

    static String scimAuth() {
        return "Bearer " + SourceSimulator.DEFAULT_SCIM_TOKEN;
    }

    @Test
    void staffbasePagingCountsExactlyActiveAndPending() throws Exception {
        Population pop = new Population(7, 1_000);
        int expected = 0;
        for (int i = 0; i < pop.size(); i++) {
            if (pop.person(i).status().importable()) {
                expected++;
            }
        }
        try (SourceSimulator sim = SourceSimulator.start(pop)) {
            Set<String> ids = new HashSet<>();
            int offset = 0;
            int total;
            while (true) {
                JsonNode page = json(get(sim.baseUrl() + "/api/users?limit=100&offset=" + offset
                        + "&status=activated,pending", staffbaseAuth()));
                total = page.get("total").asInt();
                for (JsonNode u : page.get("data")) {
                    assertTrue(Set.of("activated", "pending").contains(u.get("status").asText()));
                    assertTrue(ids.add(u.get("id").asText()), "duplicate " + u);
                }
                if (page.get("data").size() < 100) {
                    break;
                }
                offset += 100;
            }
            assertEquals(expected, ids.size());
            assertEquals(expected, total);
            // default status filter: activated only
            JsonNode first = json(get(sim.baseUrl() + "/api/users", staffbaseAuth()));
            assertEquals(pop.count(Set.of(PersonStatus.ACTIVATED)), first.get("total").asInt());
            assertEquals(100, first.get("limit").asInt());
        }
    }

    @Test
    void populationHasNonAsciiNamesAndMalformedFields() {
        Population pop = new Population(1, 2_000);
        boolean nonAscii = false;
        for (int i = 0; i < 200; i++) {
            Person p = pop.person(i);
            nonAscii |= !p.displayName().chars().allMatch(ch -> ch < 128);
        }
        assertTrue(nonAscii);
        assertEquals(PersonStatus.DEACTIVATED, pop.person(16).status());
        assertNull(pop.person(60).email());
        assertFalse(pop.person(96).email().contains("@"));
        assertTrue(pop.person(95).email().endsWith("@example.com"));
        assertEquals(-1, pop.person(0).managerIndex());
        assertTrue(pop.person(500).managerIndex() < 500);
        assertTrue(pop.person(130).hireDate().contains("/13/"));
        assertEquals(pop.person(42), new Population(1, 2_000).person(42), "deterministic");
        int[] modified = pop.modify(1);
        assertNotEquals(new Population(1, 2_000).person(modified[0]).title(), pop.person(modified[0]).title());
    }

    @Test
    void scimStartIndexPagingCoversEveryPersonOnce() throws Exception {
        Population pop = new Population(3, 950);
        pop.delete(5);
        try (SourceSimulator sim = SourceSimulator.start(pop)) {
            Set<String> ids = new HashSet<>();
            int startIndex = 1;
            int total;
            boolean stringActive = false;
            while (true) {
                JsonNode page = json(get(sim.baseUrl() + "/scim/v2/Users?startIndex=" + startIndex + "&count=100",
                        scimAuth()));
                assertEquals("urn:ietf:params:scim:api:messages:2.0:ListResponse", page.get("schemas").get(0).asText());
                assertEquals(startIndex, page.get("startIndex").asInt());
                total = page.get("totalResults").asInt();
                JsonNode resources = page.get("Resources");
                assertEquals(resources.size(), page.get("itemsPerPage").asInt());
                for (JsonNode u : resources) {
                    assertTrue(ids.add(u.get("id").asText()));
                    stringActive |= u.get("active").isTextual();
                    assertNotNull(u.get(ScimApi.ENTERPRISE).get("employeeNumber"));
                }
                if (resources.isEmpty()) {
                    break;
                }
                startIndex += resources.size();
            }
            assertEquals(945, total);
            assertEquals(945, ids.size());
            assertTrue(stringActive);
            assertEquals(401, get(sim.baseUrl() + "/scim/v2/Users", "Bearer wrong").statusCode());
        }
    }

    static String graphToken(SourceSimulator sim) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + SourceSimulator.DEFAULT_GRAPH_CLIENT_ID
                + "&client_secret=" + SourceSimulator.DEFAULT_GRAPH_CLIENT_SECRET + "&scope="
                + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
        HttpResponse<String> r = CLIENT.send(HttpRequest
                .newBuilder(
                        URI.create(sim.baseUrl() + "/" + SourceSimulator.DEFAULT_GRAPH_TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return json(r).get("access_token").asText();
    }

    @Test
    void graphDeltaFullPassThenChangesThenGone() throws Exception {
        Population pop = new Population(11, 730);
        try (SourceSimulator sim = SourceSimulator.start(pop)) {
            String auth = "Bearer " + graphToken(sim);
            String url = sim.baseUrl()
                    + "/v1.0/users/delta?$select=displayName,givenName,surname,mail,jobTitle,accountEnabled";
            Set<String> ids = new HashSet<>();
            int disabled = 0;
            String deltaLink = null;
            int pages = 0;
            while (deltaLink == null) {
                JsonNode page = json(get(url, auth));
                pages++;
                for (JsonNode u : page.get("value")) {
                    assertTrue(ids.add(u.get("id").asText()));
                    assertNull(u.get("department"), "not selected");
                    disabled += u.get("accountEnabled").asBoolean() ? 0 : 1;
                }
                url = page.path("@odata.nextLink").asText(null);
                deltaLink = page.path("@odata.deltaLink").asText(null);
            }
            assertEquals(730, ids.size());
            assertEquals(8, pages);
            assertEquals(pop.count(Set.of(PersonStatus.DEACTIVATED)), disabled);

            // nothing changed: an empty delta
            JsonNode empty = json(get(deltaLink, auth));
            assertEquals(0, empty.get("value").size());

            int[] modified = pop.modify(3);
            int[] deactivated = pop.deactivate(2);
            int[] deleted = pop.delete(1);
            Map<String, JsonNode> changes = new HashMap<>();
            JsonNode delta = json(get(deltaLink, auth));
            for (JsonNode u : delta.get("value")) {
                changes.put(u.get("id").asText(), u);
            }
            Set<String> expected = new HashSet<>();
            for (int[] set : new int[][]{modified, deactivated, deleted}) {
                for (int i : set) {
                    expected.add(pop.idOf(i));
                }
            }
            assertEquals(expected, changes.keySet());
            for (int i : modified) {
                JsonNode u = changes.get(pop.idOf(i));
                if (!pop.isDeleted(i)) {
                    assertEquals(pop.person(i).title(), u.get("jobTitle").asText());
                }
            }
            for (int i : deactivated) {
                if (!pop.isDeleted(i)) {
                    assertFalse(changes.get(pop.idOf(i)).get("accountEnabled").asBoolean());
                }
            }
            assertEquals("deleted", changes.get(pop.idOf(deleted[0])).get("@removed").get("reason").asText());
            String next = delta.get("@odata.deltaLink").asText();
            assertEquals(0, json(get(next, auth)).get("value").size());

            // an unknown token, and an expired one: 410 Gone
            HttpResponse<String> bogus = get(sim.baseUrl() + "/v1.0/users/delta?$deltatoken=bogus", auth);
            assertEquals(410, bogus.statusCode());
            assertEquals("syncStateNotFound", MAPPER.readTree(bogus.body()).get("error").get("code").asText());
            pop.expireDeltaTokens();
            assertEquals(410, get(next, auth).statusCode());
            // a bad access token: 401
            assertEquals(401, get(sim.baseUrl() + "/v1.0/users/delta", "Bearer nope").statusCode());
        }
    }

    @Test
    void badCredentialsGet401WithJsonError() throws Exception {
        try (SourceSimulator sim = SourceSimulator.start(new Population(1, 10))) {
            HttpResponse<String> r = get(sim.baseUrl() + "/api/users", "Basic wrong");
            assertEquals(401, r.statusCode());
            assertEquals(401, MAPPER.readTree(r.body()).get("errorCode").asInt());
            assertEquals(401, get(sim.baseUrl() + "/api/users", null).statusCode());
            HttpResponse<String> token = CLIENT.send(HttpRequest
                    .newBuilder(URI.create(sim.baseUrl() + "/sim-tenant/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers
                            .ofString("grant_type=client_credentials&client_id=sim-client-id&client_secret=x"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, token.statusCode());
            assertEquals("invalid_client", MAPPER.readTree(token.body()).get("error").asText());
            assertEquals(401, get(sim.baseUrl() + "/services/data/v59.0/query?q=SELECT+Id+FROM+Contact", "Bearer x")
                    .statusCode());
            assertEquals(401,
                    get(sim.baseUrl() + "/ccx/service/customreport2/sim/ISU/Workers?format=json", "Basic eDp5")
                            .statusCode());
        }
    }

    @Test
    void injectedFaults() throws Exception {
        try (SourceSimulator sim = SourceSimulator.start(new Population(1, 10))) {
            sim.retryAfterSeconds(2).failNext("/api/users", 1, 429).failNext("/api/users", 1, 500);
            HttpResponse<String> limited = get(sim.baseUrl() + "/api/users", staffbaseAuth());
            assertEquals(429, limited.statusCode());
            assertEquals("2", limited.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(500, get(sim.baseUrl() + "/api/users", staffbaseAuth()).statusCode());
            assertEquals(200, get(sim.baseUrl() + "/api/users", staffbaseAuth()).statusCode());
            sim.failNext("/scim", 1, 503);
            assertEquals(200, get(sim.baseUrl() + "/api/users", staffbaseAuth()).statusCode(), "other prefix");
            sim.slowNext(java.time.Duration.ofMillis(300));
            long t0 = System.nanoTime();
            assertEquals(503, get(sim.baseUrl() + "/scim/v2/Users", scimAuth()).statusCode());
            assertTrue(System.nanoTime() - t0 >= 250_000_000L, "slowed");
            assertEquals(5, sim.requestCount());
            assertEquals(4, sim.requestCount("/api/users"));
        }
    }

    @Test
    void salesforceAndWorkdayReports() throws Exception {
        Population pop = new Population(5, 4_500);
        try (SourceSimulator sim = SourceSimulator.start(pop)) {
            String url = sim.baseUrl()
                    + "/services/data/v59.0/query?q=SELECT+Id,FirstName,LastName,Email,Title+FROM+Contact";
            Set<String> ids = new HashSet<>();
            int batches = 0;
            while (true) {
                JsonNode page = json(get(url, "Bearer " + SourceSimulator.DEFAULT_SALESFORCE_TOKEN));
                batches++;
                assertEquals(4_500, page.get("totalSize").asInt());
                for (JsonNode r : page.get("records")) {
                    assertEquals("Contact", r.get("attributes").get("type").asText());
                    assertTrue(r.has("Title") && !r.has("Department"));
                    ids.add(r.get("Id").asText());
                }
                if (page.get("done").asBoolean()) {
                    break;
                }
                url = sim.baseUrl() + page.get("nextRecordsUrl").asText();
            }
            assertEquals(3, batches);
            assertEquals(4_500, ids.size());

            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (SourceSimulator.DEFAULT_WORKDAY_USER + ":" + SourceSimulator.DEFAULT_WORKDAY_PASSWORD)
                            .getBytes(StandardCharsets.UTF_8));
            JsonNode report = json(
                    get(sim.baseUrl() + "/ccx/service/customreport2/sim/ISU_Roster/All_Workers?format=json", basic));
            assertEquals(pop.count(Population.importable()), report.get("Report_Entry").size());
        }
    }

    static HttpResponse<String> post(String url, String authorization, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String workdayClientBasic() {
        return WorkdayApi.basic(SourceSimulator.DEFAULT_WORKDAY_CLIENT_ID,
                SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET);
    }

    @Test
    void workdayRestRefreshTokenGrantThenWorkersPagedByOffset() throws Exception {
        Population pop = new Population(13, 1_050);
        pop.deactivate(4);
        pop.delete(3);
        try (SourceSimulator sim = SourceSimulator.start(pop)) {
            String tokenUrl = sim.baseUrl() + "/ccx/oauth2/" + SourceSimulator.DEFAULT_WORKDAY_TENANT + "/token";
            String grant = "grant_type=refresh_token&refresh_token=" + SourceSimulator.DEFAULT_WORKDAY_REFRESH_TOKEN;
            JsonNode token = json(post(tokenUrl, workdayClientBasic(), grant));
            assertEquals("Bearer", token.get("token_type").asText());
            assertTrue(token.get("expires_in").asInt() > 0);
            String auth = "Bearer " + token.get("access_token").asText();
            // the client may also authenticate by form fields
            assertEquals(200, post(tokenUrl, null, grant + "&client_id=" + SourceSimulator.DEFAULT_WORKDAY_CLIENT_ID
                    + "&client_secret=" + SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET).statusCode());

            String workers = sim.baseUrl() + "/ccx/api/staffing/v6/" + SourceSimulator.DEFAULT_WORKDAY_TENANT
                    + "/workers";
            JsonNode first = json(get(workers, auth));
            assertEquals(20, first.get("data").size(), "limit defaults to 20");
            Set<String> ids = new HashSet<>();
            int offset = 0;
            int total;
            while (true) {
                JsonNode page = json(get(workers + "?limit=100&offset=" + offset, auth));
                total = page.get("total").asInt();
                for (JsonNode w : page.get("data")) {
                    assertTrue(w.get("id").asText().matches("[0-9a-f]{32}"), w.toString());
                    assertTrue(ids.add(w.get("id").asText()), "twice: " + w);
                    assertNotNull(w.get("descriptor"));
                    assertNotNull(w.get("primarySupervisoryOrganization").get("descriptor"));
                    assertTrue(w.get("isManager").isBoolean());
                }
                if (page.get("data").size() < 100) {
                    break;
                }
                offset += 100;
            }
            int listed = pop.count(Population.importable());
            assertEquals(listed, total);
            assertEquals(listed, ids.size(), "every non-terminated worker once");
            for (int i = 0; i < pop.size(); i++) {
                boolean expected = pop.exists(i) && pop.status(i).importable();
                assertEquals(expected, ids.contains(WorkdayApi.workdayIdOf(pop, i)), "worker " + i);
            }

            HttpResponse<String> tooMany = get(workers + "?limit=101", auth);
            assertEquals(400, tooMany.statusCode());
            assertEquals("invalid request", MAPPER.readTree(tooMany.body()).get("error").asText());
            assertEquals(401, get(workers, "Bearer sim-workday-forged").statusCode());
            assertEquals(401, get(workers, "Bearer " + graphToken(sim)).statusCode(),
                    "a Graph token is no Workday one");
            assertEquals(404, get(sim.baseUrl() + "/ccx/api/staffing/v6/other/workers", auth).statusCode());
            sim.failNext("/ccx/api/", 1, 503);
            assertEquals(503, get(workers, auth).statusCode());
            sim.expireAccessTokens();
            assertEquals(401, get(workers, auth).statusCode(), "an expired token");

            HttpResponse<String> badClient = post(tokenUrl,
                    WorkdayApi.basic(SourceSimulator.DEFAULT_WORKDAY_CLIENT_ID, "wrong"), grant);
            assertEquals(401, badClient.statusCode());
            assertEquals("invalid_client", MAPPER.readTree(badClient.body()).get("error").asText());
            HttpResponse<String> badGrant = post(tokenUrl, workdayClientBasic(),
                    "grant_type=refresh_token&refresh_token=stale");
            assertEquals(400, badGrant.statusCode());
            assertEquals("invalid_grant", MAPPER.readTree(badGrant.body()).get("error").asText());
            assertEquals(400, post(tokenUrl, workdayClientBasic(), "grant_type=client_credentials").statusCode());
            assertEquals(404, post(sim.baseUrl() + "/ccx/oauth2/other/token", workdayClientBasic(), grant)
                    .statusCode());
        }
    }

    @Test
    void salesforceClientCredentialsTokenIsAcceptedByTheQuery() throws Exception {
        try (SourceSimulator sim = SourceSimulator.start(new Population(5, 30))) {
            String tokenUrl = sim.baseUrl() + "/services/oauth2/token";
            String client = "grant_type=client_credentials&client_id=" + SourceSimulator.DEFAULT_SALESFORCE_CLIENT_ID
                    + "&client_secret=";
            JsonNode token = json(post(tokenUrl, null, client + SourceSimulator.DEFAULT_SALESFORCE_CLIENT_SECRET));
            assertEquals("Bearer", token.get("token_type").asText());
            assertEquals(sim.baseUrl(), token.get("instance_url").asText());
            assertTrue(token.get("issued_at").asText().matches("\\d{13}"));
            assertNotNull(token.get("signature"));
            String query = sim.baseUrl() + "/services/data/v60.0/query?q=SELECT+Id+FROM+Contact";
            assertEquals(30, json(get(query, "Bearer " + token.get("access_token").asText())).get("totalSize").asInt());
            assertEquals(200, get(query, "Bearer " + SourceSimulator.DEFAULT_SALESFORCE_TOKEN).statusCode(),
                    "the configured token still works");

            HttpResponse<String> wrong = post(tokenUrl, null, client + "wrong");
            assertEquals(400, wrong.statusCode());
            JsonNode error = MAPPER.readTree(wrong.body());
            assertEquals("invalid_client", error.get("error").asText());
            assertEquals("invalid client credentials", error.get("error_description").asText());
            assertEquals("invalid_client_id", MAPPER.readTree(post(tokenUrl, null,
                    "grant_type=client_credentials&client_id=x&client_secret=y").body()).get("error").asText());
            assertEquals(400, post(tokenUrl, null, "grant_type=password").statusCode());

            sim.expireAccessTokens();
            assertEquals(401, get(query, "Bearer " + token.get("access_token").asText()).statusCode());
        }
    }

    @Test
    void aStreamedReportCanBreakOffAndIsInFlightUntilRead() throws Exception {
        Population pop = new Population(3, 50_000);
        try (SourceSimulator sim = SourceSimulator.start(pop)) {
            String report = sim.baseUrl() + "/ccx/service/customreport2/sim/ISU_Roster/All_Workers?format=json";
            String basic = WorkdayApi.basic(SourceSimulator.DEFAULT_WORKDAY_USER,
                    SourceSimulator.DEFAULT_WORKDAY_PASSWORD);
            sim.failNext("/ccx/service/", 1, 401).breakNext("/ccx/service/", 1, 10_000);
            assertEquals(401, get(report, basic).statusCode(), "an injected failure does not use up the break");
            HttpResponse<String> broken = get(report, basic);
            assertEquals(200, broken.statusCode());
            assertEquals(10_000, broken.body().getBytes(StandardCharsets.UTF_8).length, "cut at 10,000 bytes");
            assertEquals(200, get(report, basic).statusCode());
            assertTrue(MAPPER.readTree(get(report, basic).body()).get("Report_Entry").size() > 40_000, "whole again");

            // a client that reads only the beginning leaves the report being written
            HttpResponse<java.io.InputStream> open = CLIENT.send(HttpRequest.newBuilder(URI.create(report))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(1000, open.body().readNBytes(1000).length);
            assertEquals(1, sim.inFlight("/ccx/service/"), "the rest is still to be written");
            open.body().close();
            long until = System.nanoTime() + 10_000_000_000L;
            while (sim.inFlight("/ccx/service/") > 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(0, sim.inFlight("/ccx/service/"), "closing the stream ends the response");
        }
    }

    @Test
    void millionPeopleServePage9999WithSmallOverlays() throws Exception {
        Population pop = new Population(99, 1_000_000);
        pop.modify(50);
        pop.deactivate(50);
        pop.delete(50);
        pop.add(10);
        try (SourceSimulator sim = SourceSimulator.start(pop)) {
            JsonNode page = json(get(sim.baseUrl() + "/scim/v2/Users?startIndex=999901&count=100", scimAuth()));
            assertEquals(999_960, page.get("totalResults").asInt());
            assertEquals(60, page.get("Resources").size());
            JsonNode sb = json(get(sim.baseUrl() + "/api/users?limit=100&offset=" + (9_999 * 100)
                    + "&status=activated,pending,deactivated", staffbaseAuth()));
            assertEquals(999_960, sb.get("total").asInt());
            assertEquals(60, sb.get("data").size());
            // the n-th lookup agrees with a scan near the end
            int idx = pop.nth(Population.allStatuses(), 999_959);
            assertEquals(-1, pop.nextMatching(Population.allStatuses(), idx + 1));
        }
        // by design: nothing per person is stored; only the overlays grow, with the changes
        assertEquals(50, pop.modifiedCount());
        assertTrue(pop.overlayBytes() < 1_000_000, "overlays: " + pop.overlayBytes() + " bytes");
    }
}
