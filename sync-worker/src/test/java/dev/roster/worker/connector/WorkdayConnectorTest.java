package dev.roster.worker.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.worker.connector.SourceException.Kind;
import dev.roster.worker.connector.SourcePage.UnreadableRecord;

/**
 * Workday against the simulator: the streamed custom report (RaaS) and the staffing REST API, each paged to the
 * end, refused, rate limited, failing, filtered and resumed.
 */
class WorkdayConnectorTest {

    private static final int PEOPLE = 1_234;
    private static final String REPORT_PATH = "/ccx/service/customreport2/" + SourceSimulator.DEFAULT_WORKDAY_TENANT
            + "/ISU_Roster/All_Workers";

    private final SourceHttp http = new SourceHttp(new ObjectMapper(), new SourceHttp.Settings(Duration.ofSeconds(5),
            Duration.ofSeconds(10), 3, Duration.ofMillis(50), Duration.ofSeconds(5), 0));
    private Population population;
    private SourceSimulator simulator;

    @BeforeEach
    void start() {
        population = new Population(17, PEOPLE);
        simulator = SourceSimulator.start(population);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    // ------------------------------------------------------------------ RaaS

    @Test
    void aReportIsPagedToTheEndReadingEveryListedWorkerOnce() {
        try (WorkdayConnector report = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, 100)) {
            Read read = readAll(report, null);
            assertEquals(reportIds(), read.ids, "every active and pending worker, by Employee_ID");
            assertEquals(population.count(Population.importable()), read.records, "none twice");
            assertEquals(0, read.inactive);
            assertNull(read.total, "a report does not say how many rows it has");
            assertEquals((read.records + 99) / 100, read.pages, "no empty last page");
            assertEquals(List.of("row:100", "row:200"), read.cursors.subList(0, 2));
            assertEquals(1, simulator.requestCount(REPORT_PATH), "one request, read as a stream");
        }
    }

    @Test
    void aRefusedReportPasswordIsAnAuthenticationErrorWithoutThePassword() {
        try (WorkdayConnector report = raas("not-the-password", 100)) {
            SourceException refused = assertThrows(SourceException.class, () -> report.fetch(null));
            assertEquals(Kind.AUTHENTICATION, refused.kind());
            assertTrue(refused.getMessage().contains("Workday report"), refused.getMessage());
            assertFalse(refused.getMessage().contains("not-the-password"));
        }
    }

    @Test
    void aRateLimitedReportIsWaitedOutAsRetryAfterSays() {
        simulator.retryAfterSeconds(1).failNext("/ccx/service/", 1, 429);
        long started = System.nanoTime();
        try (WorkdayConnector report = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, 100)) {
            SourcePage first = report.fetch(null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(100, first.records().size());
            assertEquals(2, simulator.requestCount(REPORT_PATH), "one refused, one answered");
            assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "waited the second Retry-After asked for: " + took);
            assertEquals(population.count(Population.importable()), readAll(report, first).records);
        }
    }

    @Test
    void aFailingReportIsRetriedThenReadOrFailsClearly() {
        simulator.failNext("/ccx/service/", 2, 500);
        try (WorkdayConnector report = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, 100)) {
            assertEquals(reportIds(), readAll(report, null).ids);
        }
        simulator.failNext("/ccx/service/", 10, 503);
        try (WorkdayConnector report = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, 100)) {
            SourceException down = assertThrows(SourceException.class, () -> report.fetch(null));
            assertEquals(Kind.UNAVAILABLE, down.kind());
            assertTrue(down.getMessage().contains("HTTP 503") && down.getMessage().contains("4 attempts"),
                    down.getMessage());
        }
    }

    @Test
    void deactivatedAndDeletedWorkersAreNotInTheReport() {
        int[] deactivated = population.deactivate(5);
        int[] deleted = population.delete(3);
        try (WorkdayConnector report = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, 100)) {
            Read read = readAll(report, null);
            assertEquals(reportIds(), read.ids);
            for (int[] gone : new int[][]{deactivated, deleted}) {
                for (int i : gone) {
                    assertFalse(read.ids.contains(Population.externalIdOf(i)), "worker " + i + " has left");
                }
            }
        }
    }

    @Test
    void aFreshConnectorResumesFromACursorWithExactlyTheRemainingRows() {
        String cursor;
        Set<String> before = new HashSet<>();
        List<List<String>> pages = new ArrayList<>();
        try (WorkdayConnector first = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, 100)) {
            SourcePage page = null;
            for (int n = 0; n < 3; n++) {
                page = first.fetch(page == null ? null : page.nextCursor());
                page.records().forEach(r -> before.add(r.id()));
                pages.add(page.records().stream().map(SourceRecord::id).toList());
            }
            cursor = page.nextCursor();
        }
        assertEquals("row:300", cursor);
        try (WorkdayConnector resumed = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, 100)) {
            Read rest = readAll(resumed, resumed.fetch(cursor));
            assertEquals(reportIds().size() - 300, rest.records, "exactly the rows after the checkpoint");
            rest.ids.forEach(id -> assertFalse(before.contains(id), "row " + id + " again after the checkpoint"));
            Set<String> all = new HashSet<>(before);
            all.addAll(rest.ids);
            assertEquals(reportIds(), all);

            // an older cursor on a connector that has moved on reopens the report as well
            SourcePage again = resumed.fetch("row:100");
            assertEquals("row:200", again.nextCursor());
            assertEquals(pages.get(1), again.records().stream().map(SourceRecord::id).toList(), "rows 101 to 200");
        }
    }

    @Test
    void aReportThatBreaksOffMidStreamIsUnavailableAndResumesFromTheLastCursor() {
        simulator.breakNext("/ccx/service/", 1, 150_000);
        Set<String> ids = new HashSet<>();
        String[] checkpoint = {null};
        try (WorkdayConnector report = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, 100)) {
            SourceException broken = assertThrows(SourceException.class, () -> {
                do {
                    SourcePage page = report.fetch(checkpoint[0]);
                    page.records().forEach(r -> assertTrue(ids.add(r.id())));
                    checkpoint[0] = page.nextCursor();
                } while (checkpoint[0] != null);
            });
            assertEquals(Kind.UNAVAILABLE, broken.kind(), broken.getMessage());
            assertTrue(broken.getMessage().contains("Workday report"), broken.getMessage());
        }
        assertTrue(ids.size() > 0 && ids.size() < reportIds().size(), "broke off after " + ids.size() + " rows");
        assertEquals("row:" + ids.size(), checkpoint[0]);
        try (WorkdayConnector resumed = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, 100)) {
            Read rest = readAll(resumed, resumed.fetch(checkpoint[0]));
            rest.ids.forEach(id -> assertTrue(ids.add(id), id + " twice"));
            assertEquals(reportIds(), ids);
        }
    }

    /**
     * The report is read as it arrives: the first page is in hand while the simulator is still writing the
     * report (it could not be if the connector had read the document whole), no page is larger than asked for,
     * and closing the connector ends the transfer.
     */
    @Test
    void aLargeReportIsStreamedAPageAtATime() throws Exception {
        simulator.close();
        population = new Population(23, 200_000);
        simulator = SourceSimulator.start(population);
        int expected = population.count(Population.importable());
        int pageSize = 1_000;
        try (WorkdayConnector report = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, pageSize)) {
            SourcePage first = report.fetch(null);
            assertEquals(pageSize, first.records().size());
            assertEquals(1, simulator.inFlight("/ccx/service/"), "the first page came while the report was written");
            int records = first.records().size();
            int pages = 1;
            String cursor = first.nextCursor();
            Set<String> ids = new HashSet<>();
            first.records().forEach(r -> ids.add(r.id()));
            while (cursor != null) {
                SourcePage page = report.fetch(cursor);
                assertTrue(page.records().size() <= pageSize, "a page of " + page.records().size());
                page.records().forEach(r -> ids.add(r.id()));
                records += page.records().size();
                pages++;
                if (pages == expected / pageSize / 2) {
                    assertEquals(1, simulator.inFlight("/ccx/service/"), "half way, still streaming");
                }
                cursor = page.nextCursor();
            }
            assertEquals(expected, records);
            assertEquals(expected, ids.size());
            assertEquals(1, simulator.requestCount(REPORT_PATH));
        }
        awaitNoReportInFlight();

        try (WorkdayConnector report = raas(SourceSimulator.DEFAULT_WORKDAY_PASSWORD, pageSize)) {
            report.fetch(null);
            assertEquals(1, simulator.inFlight("/ccx/service/"));
        }
        awaitNoReportInFlight(); // closing the connector mid-report ends the transfer
    }

    /** Report columns decide what the simulator cannot show: inactive rows, rows without an id, odd rows. */
    @Test
    void activeAndTerminatedColumnsRowsWithoutAnIdAndAnotherIdColumn() throws Exception {
        String body = """
                {"Report_Entry": [
                  {"Worker_ID": "W1", "Employee_ID": "E1", "Active": "1"},
                  {"Worker_ID": "W2", "Employee_ID": "E2", "Active": "0"},
                  {"Worker_ID": "W3", "Employee_ID": "E3", "Terminated": "1"},
                  {"Worker_ID": "W4", "Terminated": "0"},
                  "not a row",
                  {"Worker_ID": "W6", "Employee_ID": 6, "Active": false}
                ], "Report_Comment": "trailing fields are ignored"}
                """;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ccx/service/customreport2/t/o/r";
            Map<String, SourceRecord> byId = new HashMap<>();
            List<UnreadableRecord> unreadable = new ArrayList<>();
            try (WorkdayConnector report = WorkdayConnector.raas(http, url, "u", "p", null, 4)) {
                SourcePage first = report.fetch(null);
                SourcePage last = report.fetch(first.nextCursor());
                assertNull(last.nextCursor());
                for (SourcePage page : List.of(first, last)) {
                    page.records().forEach(r -> byId.put(r.id(), r));
                    unreadable.addAll(page.unreadable());
                }
            }
            assertEquals(Set.of("E1", "E2", "E3", "6"), byId.keySet());
            assertTrue(byId.get("E1").active());
            assertFalse(byId.get("E2").active(), "Active 0");
            assertFalse(byId.get("E3").active(), "Terminated 1");
            assertFalse(byId.get("6").active(), "Active false");
            assertEquals(2, unreadable.size());
            assertEquals(new UnreadableRecord("row 4", "Employee_ID", unreadable.get(0).reason()), unreadable.get(0));
            assertEquals("row 5", unreadable.get(1).sourceRecordId());

            try (WorkdayConnector report = WorkdayConnector.raas(http, url, "u", "p", "Worker_ID", 100)) {
                SourcePage all = report.fetch(null);
                assertNull(all.nextCursor());
                assertEquals(List.of("W1", "W2", "W3", "W4", "W6"),
                        all.records().stream().map(SourceRecord::id).toList());
                assertTrue(all.records().get(3).active(), "Terminated 0");
            }
        } finally {
            server.stop(0);
        }
    }

    // ------------------------------------------------------------------ REST

    @Test
    void restPagesToTheEndReadingEveryListedWorkerOnce() {
        Read read = readAll(rest(SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET, 100), null);
        assertEquals(workerIds(), read.ids, "every active and pending worker, by Workday id");
        assertEquals(population.count(Population.importable()), read.records);
        assertEquals(0, read.inactive);
        assertEquals(read.records, read.total.intValue());
        assertEquals((read.records + 99) / 100, read.pages);
        assertEquals(1, simulator.requestCount("/ccx/oauth2/"), "one token for the whole read");

        Read capped = readAll(rest(SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET, 500), null);
        assertEquals(read.ids, capped.ids);
        assertEquals(read.pages, capped.pages, "Workday allows at most 100 a page");
    }

    @Test
    void aRefusedRestClientOrRefreshTokenIsAnAuthenticationErrorWithoutTheSecret() {
        SourceException client = assertThrows(SourceException.class,
                () -> rest("not-the-client-secret", 100).fetch(null));
        assertEquals(Kind.AUTHENTICATION, client.kind());
        assertTrue(client.getMessage().contains("Workday token request"), client.getMessage());
        assertFalse(client.getMessage().contains("not-the-client-secret"));

        WorkdayConnector staleGrant = WorkdayConnector.rest(http, simulator.baseUrl(),
                SourceSimulator.DEFAULT_WORKDAY_TENANT, SourceSimulator.DEFAULT_WORKDAY_CLIENT_ID,
                SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET, "a-revoked-refresh-token", 100);
        SourceException grant = assertThrows(SourceException.class, () -> staleGrant.fetch(null));
        assertEquals(Kind.AUTHENTICATION, grant.kind());
        assertTrue(grant.getMessage().contains("invalid_grant"), grant.getMessage());
        assertFalse(grant.getMessage().contains("a-revoked-refresh-token"));
    }

    @Test
    void restRateLimitsAreWaitedOutAsRetryAfterSays() {
        simulator.retryAfterSeconds(1).failNext("/ccx/api/", 1, 429);
        long started = System.nanoTime();
        SourcePage first = rest(SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET, 100).fetch(null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(100, first.records().size());
        assertEquals(2, simulator.requestCount("/ccx/api/"), "one refused, one answered");
        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "waited the second Retry-After asked for: " + took);
    }

    @Test
    void restServerErrorsAreRetriedAtTheTokenAndTheWorkers() {
        simulator.failNext("/ccx/oauth2/", 1, 500).failNext("/ccx/api/", 2, 502);
        assertEquals(workerIds(), readAll(rest(SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET, 100), null).ids);
    }

    @Test
    void deactivatedAndDeletedWorkersAreNotListed() {
        int[] deactivated = population.deactivate(5);
        int[] deleted = population.delete(3);
        Read read = readAll(rest(SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET, 100), null);
        assertEquals(workerIds(), read.ids);
        for (int[] gone : new int[][]{deactivated, deleted}) {
            for (int i : gone) {
                assertFalse(read.ids.contains(workdayId(i)), "worker " + i + " has left");
            }
        }
    }

    @Test
    void aFreshRestConnectorResumesFromAnOffsetWithExactlyTheRemainingWorkers() {
        WorkdayConnector first = rest(SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET, 100);
        Set<String> before = new HashSet<>();
        SourcePage page = first.fetch(null);
        page.records().forEach(r -> before.add(r.id()));
        page = first.fetch(page.nextCursor());
        page.records().forEach(r -> before.add(r.id()));
        assertEquals("200", page.nextCursor());

        Read rest = readAll(rest(SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET, 100), null, page.nextCursor());
        assertEquals(workerIds().size() - 200, rest.records);
        rest.ids.forEach(id -> assertFalse(before.contains(id), id + " again after the checkpoint"));
    }

    @Test
    void anExpiredTokenIsRenewedOnceMidRead() {
        WorkdayConnector workers = rest(SourceSimulator.DEFAULT_WORKDAY_CLIENT_SECRET, 100);
        SourcePage first = workers.fetch(null);
        simulator.expireAccessTokens();
        Read rest = readAll(workers, first);
        assertEquals(workerIds().size(), rest.records, "the page before and every page after");
        assertEquals(2, simulator.requestCount("/ccx/oauth2/"), "one token, then one renewal");

        // a renewed token that is refused too is not renewed again
        simulator.failNext("/ccx/api/", 5, 401);
        SourceException refused = assertThrows(SourceException.class, () -> workers.fetch("100"));
        assertEquals(Kind.AUTHENTICATION, refused.kind());
        assertEquals(3, simulator.requestCount("/ccx/oauth2/"));
        simulator.clearFaults();
    }

    // --------------------------------------------------------------- helpers

    private WorkdayConnector raas(String password, int pageSize) {
        return WorkdayConnector.raas(http, simulator.baseUrl() + REPORT_PATH,
                SourceSimulator.DEFAULT_WORKDAY_USER, password, null, pageSize);
    }

    private WorkdayConnector rest(String clientSecret, int pageSize) {
        return WorkdayConnector.rest(http, simulator.baseUrl(), SourceSimulator.DEFAULT_WORKDAY_TENANT,
                SourceSimulator.DEFAULT_WORKDAY_CLIENT_ID, clientSecret, SourceSimulator.DEFAULT_WORKDAY_REFRESH_TOKEN,
                pageSize);
    }

    /** The Employee_IDs the report lists: the people a sync imports. */
    private Set<String> reportIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < population.size(); i++) {
            if (population.exists(i) && population.status(i).importable()) {
                ids.add(Population.externalIdOf(i));
            }
        }
        return ids;
    }

    private Set<String> workerIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < population.size(); i++) {
            if (population.exists(i) && population.status(i).importable()) {
                ids.add(workdayId(i));
            }
        }
        return ids;
    }

    private String workdayId(int i) {
        return population.idOf(i).replace("-", "");
    }

    private void awaitNoReportInFlight() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (simulator.inFlight("/ccx/service/") > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, simulator.inFlight("/ccx/service/"), "the transfer ended");
    }

    /** Reads on from {@code first} (already fetched) or from the start. */
    private static Read readAll(SourceConnector connector, SourcePage first) {
        return readAll(connector, first, null);
    }

    private static Read readAll(SourceConnector connector, SourcePage first, String from) {
        Read read = new Read();
        SourcePage page = first != null ? first : connector.fetch(from);
        while (true) {
            read.pages++;
            read.total = page.total();
            for (SourceRecord record : page.records()) {
                read.records++;
                read.ids.add(record.id());
                if (!record.active()) {
                    read.inactive++;
                }
            }
            if (page.isLast()) {
                return read;
            }
            read.cursors.add(page.nextCursor());
            page = connector.fetch(page.nextCursor());
        }
    }

    private static final class Read {

        final Set<String> ids = new HashSet<>();
        final List<String> cursors = new ArrayList<>();
        int records;
        int inactive;
        int pages;
        Long total;
    }
}
