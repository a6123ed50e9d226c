package dev.roster.worker.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.worker.connector.SourceException.Kind;

/** Graph delta queries: a full read to the delta link, then only what changed, and a fresh start after 410. */
class GraphConnectorTest {

    private static final int PEOPLE = 640;

    private final SourceHttp http = new SourceHttp(new ObjectMapper(), new SourceHttp.Settings(Duration.ofSeconds(5),
            Duration.ofSeconds(10), 2, Duration.ofMillis(50), Duration.ofSeconds(2), 0));
    private Population population;
    private SourceSimulator simulator;

    @BeforeEach
    void start() {
        population = new Population(11, PEOPLE);
        simulator = SourceSimulator.start(population);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aFullReadEndsWithADeltaLinkThatThenYieldsExactlyTheChanges() {
        GraphConnector graph = connector(SourceSimulator.DEFAULT_GRAPH_CLIENT_SECRET);
        Read full = read(graph, null);
        assertEquals(PEOPLE, full.byId.size(), "every user once");
        assertTrue(full.byId.values().stream().anyMatch(r -> !r.active()), "accountEnabled=false is inactive");
        assertNotNull(full.deltaLink);

        Read nothing = read(graph, full.deltaLink);
        assertEquals(0, nothing.byId.size(), "no change, no user");

        int[] modified = population.modify(3);
        int[] deactivated = population.deactivate(2);
        int[] deleted = population.delete(1);
        Read changes = read(graph, nothing.deltaLink);
        assertEquals(6, changes.byId.size(), "exactly the changed users: " + changes.byId.keySet());
        for (int i : modified) {
            assertTrue(changes.byId.get(population.idOf(i)).active());
        }
        for (int i : deactivated) {
            SourceRecord user = changes.byId.get(population.idOf(i));
            assertFalse(user.active());
            assertFalse(user.removed());
        }
        SourceRecord gone = changes.byId.get(population.idOf(deleted[0]));
        assertTrue(gone.removed());
        assertFalse(gone.active());
    }

    @Test
    void anExpiredDeltaTokenAsksForAFullReadAgain() {
        GraphConnector graph = connector(SourceSimulator.DEFAULT_GRAPH_CLIENT_SECRET);
        String deltaLink = read(graph, null).deltaLink;
        population.expireDeltaTokens();
        SourceException expired = assertThrows(SourceException.class, () -> graph.incremental(deltaLink));
        assertEquals(Kind.DELTA_EXPIRED, expired.kind());
        assertEquals(PEOPLE, read(graph, null).byId.size(), "the full read works again");
    }

    @Test
    void aRefusedClientSecretIsAnAuthenticationErrorWithoutTheSecret() {
        SourceException refused = assertThrows(SourceException.class, () -> connector("not-the-secret").fetch(null));
        assertEquals(Kind.AUTHENTICATION, refused.kind());
        assertFalse(refused.getMessage().contains("not-the-secret"));
    }

    @Test
    void throttlingIsRetried() {
        simulator.retryAfterSeconds(1).failNext("/v1.0/users/delta", 1, 429);
        assertEquals(PEOPLE, read(connector(SourceSimulator.DEFAULT_GRAPH_CLIENT_SECRET), null).byId.size());
    }

    private GraphConnector connector(String secret) {
        return new GraphConnector(http, simulator.baseUrl(), simulator.baseUrl(), SourceSimulator.DEFAULT_GRAPH_TENANT,
                SourceSimulator.DEFAULT_GRAPH_CLIENT_ID, secret);
    }

    private static Read read(GraphConnector graph, String deltaLink) {
        Read read = new Read();
        SourcePage page = deltaLink == null ? graph.fetch(null) : graph.incremental(deltaLink);
        Set<String> seen = new HashSet<>();
        while (true) {
            for (SourceRecord record : page.records()) {
                assertTrue(seen.add(record.id()), "user " + record.id() + " twice in one read");
                read.byId.put(record.id(), record);
            }
            if (page.isLast()) {
                read.deltaLink = page.deltaLink();
                return read;
            }
            page = graph.fetch(page.nextCursor());
        }
    }

    private static final class Read {

        final Map<String, SourceRecord> byId = new HashMap<>();
        String deltaLink;
    }
}
