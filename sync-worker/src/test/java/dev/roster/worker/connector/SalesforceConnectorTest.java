package dev.roster.worker.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.worker.connector.SourceException.Kind;

/** Salesforce with a token of its own: the client-credentials flow of a connected app, renewed when refused. */
class SalesforceConnectorTest {

    private static final int PEOPLE = 1_234;
    private static final String SOQL = "SELECT Id, FirstName, LastName, Email, Title, Department FROM Contact";
    private static final String TOKEN_PATH = "/services/oauth2/token";

    private final SourceHttp http = new SourceHttp(new ObjectMapper(), new SourceHttp.Settings(Duration.ofSeconds(5),
            Duration.ofSeconds(10), 3, Duration.ofMillis(50), Duration.ofSeconds(5), 0));
    private SourceSimulator simulator;

    @BeforeEach
    void start() {
        simulator = SourceSimulator.builder(new Population(29, PEOPLE)).salesforceBatchSize(500).start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aClientCredentialsTokenIsObtainedOnceThenTheQueryIsPagedToTheEnd() {
        SalesforceConnector salesforce = connector(SourceSimulator.DEFAULT_SALESFORCE_CLIENT_SECRET);
        assertEquals(0, simulator.requestCount(TOKEN_PATH), "no token before the first fetch");
        Set<String> ids = new HashSet<>();
        int pages = 0;
        String cursor = null;
        do {
            SourcePage page = salesforce.fetch(cursor);
            pages++;
            assertEquals(PEOPLE, page.total().intValue());
            page.records().forEach(r -> assertTrue(ids.add(r.id()), "contact " + r.id() + " twice"));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(PEOPLE, ids.size(), "every contact once");
        assertEquals(3, pages, "1,234 contacts in batches of 500");
        assertEquals(1, simulator.requestCount(TOKEN_PATH), "one token for the whole read");
    }

    @Test
    void aWrongClientSecretOrClientIdIsAnAuthenticationErrorWithoutTheSecret() {
        SourceException refused = assertThrows(SourceException.class,
                () -> connector("not-the-client-secret").fetch(null));
        assertEquals(Kind.AUTHENTICATION, refused.kind());
        assertTrue(refused.getMessage().contains("Salesforce token request")
                && refused.getMessage().contains("invalid_client"), refused.getMessage());
        assertFalse(refused.getMessage().contains("not-the-client-secret"));

        SalesforceConnector unknownApp = SalesforceConnector.clientCredentials(http, simulator.baseUrl(), "v60.0",
                "an-unknown-consumer-key", SourceSimulator.DEFAULT_SALESFORCE_CLIENT_SECRET, SOQL);
        SourceException unknown = assertThrows(SourceException.class, () -> unknownApp.fetch(null));
        assertEquals(Kind.AUTHENTICATION, unknown.kind());
        assertFalse(unknown.getMessage().contains(SourceSimulator.DEFAULT_SALESFORCE_CLIENT_SECRET));
    }

    @Test
    void anExpiredSessionIsRenewedOnceMidRead() {
        SalesforceConnector salesforce = connector(SourceSimulator.DEFAULT_SALESFORCE_CLIENT_SECRET);
        SourcePage first = salesforce.fetch(null);
        simulator.expireAccessTokens();
        SourcePage second = salesforce.fetch(first.nextCursor());
        assertEquals(500, second.records().size());
        assertEquals(2, simulator.requestCount(TOKEN_PATH), "one token, then one renewal");

        simulator.failNext("/services/data/", 5, 401);
        SourceException refused = assertThrows(SourceException.class, () -> salesforce.fetch(second.nextCursor()));
        assertEquals(Kind.AUTHENTICATION, refused.kind(), "a renewed token refused too is not renewed again");
        assertEquals(3, simulator.requestCount(TOKEN_PATH));
        simulator.clearFaults();
    }

    @Test
    void aServerErrorAtTheTokenEndpointIsRetried() {
        simulator.failNext(TOKEN_PATH, 2, 503).retryAfterSeconds(0);
        assertEquals(500, connector(SourceSimulator.DEFAULT_SALESFORCE_CLIENT_SECRET).fetch(null).records().size());
        assertEquals(3, simulator.requestCount(TOKEN_PATH));
    }

    @Test
    void aGivenTokenStillWorksAndIsNotRenewed() {
        SalesforceConnector given = new SalesforceConnector(http, simulator.baseUrl(), "v60.0",
                SourceSimulator.DEFAULT_SALESFORCE_TOKEN, SOQL);
        assertEquals(500, given.fetch(null).records().size());
        SalesforceConnector expired = new SalesforceConnector(http, simulator.baseUrl(), "v60.0", "expired", SOQL);
        assertEquals(Kind.AUTHENTICATION, assertThrows(SourceException.class, () -> expired.fetch(null)).kind());
        assertEquals(0, simulator.requestCount(TOKEN_PATH));
    }

    private SalesforceConnector connector(String clientSecret) {
        return SalesforceConnector.clientCredentials(http, simulator.baseUrl(), "v60.0",
                SourceSimulator.DEFAULT_SALESFORCE_CLIENT_ID, clientSecret, SOQL);
    }
}
