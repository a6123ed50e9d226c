package dev.roster.worker.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.simulator.PersonStatus;
import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.worker.connector.SourceException.Kind;

/** The connectors against the simulator's real wire formats: paging, auth, rate limits, failures, status. */
class ConnectorTest {

    private static final int PEOPLE = 1_234;

    private static Population population;
    private static SourceSimulator simulator;

    private final SourceHttp http = new SourceHttp(new ObjectMapper(), new SourceHttp.Settings(Duration.ofSeconds(5),
            Duration.ofSeconds(10), 3, Duration.ofMillis(50), Duration.ofSeconds(5), 0));

    @BeforeAll
    static void startSimulator() {
        population = new Population(7, PEOPLE);
        simulator = SourceSimulator.start(population);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void noFaults() {
        simulator.clearFaults();
    }

    @Test
    void staffbasePagesToTheEndReadingRegisteredAndPendingPeopleOnce() {
        int expected = population.count(EnumSet.of(PersonStatus.ACTIVATED, PersonStatus.PENDING));
        Read read = readAll(staffbase(SourceSimulator.DEFAULT_STAFFBASE_TOKEN));
        assertEquals(expected, read.ids.size(), "each registered or pending person once");
        assertEquals(expected, read.records);
        assertEquals(0, read.inactive, "deactivated people are not even asked for");
        assertEquals(expected, read.total);
        assertEquals((expected + 99) / 100, read.pages);
    }

    @Test
    void staffbaseIsAskedForExactlyTheAcceptedStatusesAndReportsEachPersonsStatus() {
        StaffbaseConnector all = new StaffbaseConnector(http, simulator.baseUrl(),
                SourceSimulator.DEFAULT_STAFFBASE_TOKEN, 100, java.util.Set.of("activated", "pending", "deactivated"));
        Read read = readAll(all);
        assertEquals(PEOPLE, read.ids.size(), "deactivated people too, when they are accepted");
        assertEquals(population.count(EnumSet.of(PersonStatus.DEACTIVATED)), read.statuses.get("deactivated"));
        assertEquals(population.count(EnumSet.of(PersonStatus.PENDING)), read.statuses.get("pending"));

        Read activated = readAll(new StaffbaseConnector(http, simulator.baseUrl(),
                SourceSimulator.DEFAULT_STAFFBASE_TOKEN, 100, java.util.Set.of("activated")));
        assertEquals(population.count(EnumSet.of(PersonStatus.ACTIVATED)), activated.ids.size());
        assertEquals(java.util.Set.of("activated"), activated.statuses.keySet());
    }

    @Test
    void scimPagesToTheEndAndReadsActiveAlsoAsAString() {
        Read read = readAll(scim(SourceSimulator.DEFAULT_SCIM_TOKEN));
        assertEquals(PEOPLE, read.ids.size(), "every person once, whatever the 1-based paging");
        int inactive = population.count(EnumSet.of(PersonStatus.DEACTIVATED));
        assertEquals(inactive, read.inactive, "active=false and active=\"False\" both count as inactive");
        assertTrue(inactive > 0);
    }

    @Test
    void refusedCredentialsSayWhatFailedWithoutTheSecret() {
        SourceException refused = assertThrows(SourceException.class, () -> staffbase("d3JvbmctdG9rZW4=").fetch(null));
        assertEquals(Kind.AUTHENTICATION, refused.kind());
        assertTrue(refused.getMessage().contains("Staffbase"));
        assertFalse(refused.getMessage().contains("d3JvbmctdG9rZW4="));

        SourceException scim = assertThrows(SourceException.class, () -> scim("wrong-bearer").fetch(null));
        assertEquals(Kind.AUTHENTICATION, scim.kind());
        assertFalse(scim.getMessage().contains("wrong-bearer"));
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSays() {
        simulator.retryAfterSeconds(1).failNext("/api/users", 1, 429);
        int before = simulator.requestCount("/api/users");
        long started = System.nanoTime();
        SourcePage page = staffbase(SourceSimulator.DEFAULT_STAFFBASE_TOKEN).fetch(null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(100, page.records().size());
        assertEquals(2, simulator.requestCount("/api/users") - before, "one refused, one answered");
        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "waited the second Retry-After asked for: " + took);
    }

    @Test
    void serverErrorsAreRetriedThenSucceedOrFailClearly() {
        simulator.failNext("/scim/v2/Users", 2, 500);
        assertEquals(100, scim(SourceSimulator.DEFAULT_SCIM_TOKEN).fetch(null).records().size());

        simulator.failNext("/scim/v2/Users", 10, 503);
        SourceException down = assertThrows(SourceException.class,
                () -> scim(SourceSimulator.DEFAULT_SCIM_TOKEN).fetch(null));
        assertEquals(Kind.UNAVAILABLE, down.kind());
        assertTrue(down.getMessage().contains("HTTP 503") && down.getMessage().contains("4 attempts"),
                down.getMessage());
    }

    @Test
    void aWrongUrlIsNotFound() {
        SourceConnector wrong = new ScimConnector(http, simulator.baseUrl() + "/nothing-here",
                SourceSimulator.DEFAULT_SCIM_TOKEN, 100, null);
        assertEquals(Kind.NOT_FOUND, assertThrows(SourceException.class, () -> wrong.fetch(null)).kind());
    }

    @Test
    void aCursorResumesWhereThePreviousPageEnded() {
        SourceConnector connector = staffbase(SourceSimulator.DEFAULT_STAFFBASE_TOKEN);
        SourcePage first = connector.fetch(null);
        SourcePage resumed = connector.fetch(first.nextCursor());
        Set<String> ids = new HashSet<>();
        first.records().forEach(r -> ids.add(r.id()));
        resumed.records().forEach(r -> assertTrue(ids.add(r.id()), "no person twice across the checkpoint"));
    }

    @Test
    void salesforceFollowsNextRecordsUrlUntilDone() {
        simulator.config().salesforceBatchSize(500);
        Read read;
        try {
            read = readAll(salesforce(SourceSimulator.DEFAULT_SALESFORCE_TOKEN));
        } finally {
            simulator.config().salesforceBatchSize(2000);
        }
        assertEquals(population.count(EnumSet.allOf(PersonStatus.class)), read.ids.size(), "every contact once");
        assertEquals(read.ids.size(), read.total.intValue());
        assertEquals(3, read.pages, "1,234 contacts in batches of 500");

        SourceException refused = assertThrows(SourceException.class, () -> salesforce("expired").fetch(null));
        assertEquals(Kind.AUTHENTICATION, refused.kind());
    }

    private SalesforceConnector salesforce(String token) {
        return new SalesforceConnector(http, simulator.baseUrl(), "v60.0", token,
                "SELECT Id, FirstName, LastName, Email, Title, Department FROM Contact");
    }

    private StaffbaseConnector staffbase(String token) {
        return new StaffbaseConnector(http, simulator.baseUrl(), token, 100);
    }

    private ScimConnector scim(String token) {
        return new ScimConnector(http, simulator.baseUrl() + "/scim/v2", token, 100, null);
    }

    private static Read readAll(SourceConnector connector) {
        Read read = new Read();
        String cursor = null;
        do {
            SourcePage page = connector.fetch(cursor);
            read.pages++;
            read.total = page.total();
            for (SourceRecord record : page.records()) {
                read.records++;
                read.ids.add(record.id());
                read.statuses.merge(record.status(), 1, Integer::sum);
                if (!record.active()) {
                    read.inactive++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return read;
    }

    private static final class Read {

        final Set<String> ids = new HashSet<>();
        final java.util.Map<String, Integer> statuses = new java.util.HashMap<>();
        int records;
        int inactive;
        int pages;
        Long total;
    }
}
