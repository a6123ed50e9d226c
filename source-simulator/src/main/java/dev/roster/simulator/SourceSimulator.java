package dev.roster.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves one {@link Population} over HTTP on 127.0.0.1 in the real wire formats of Staffbase, Microsoft Graph,
 * SCIM 2.0, Salesforce and Workday, with their authentication and paging, plus fault injection. Pages are
 * generated per request and streamed, so the population's size costs no memory.
 *
 * <pre>
 * try (SourceSimulator sim = SourceSimulator.builder(new Population(42, 10_000)).start()) {
 *     URI users = URI.create(sim.baseUrl() + "/api/users?status=activated,pending");
 * }
 * </pre>
 */
public final class SourceSimulator implements AutoCloseable {

    public static final String DEFAULT_STAFFBASE_TOKEN = "c2ltLXN0YWZmYmFzZS10b2tlbg==";
    public static final String DEFAULT_SCIM_TOKEN = "sim-scim-token";
    public static final String DEFAULT_GRAPH_TENANT = "sim-tenant";
    public static final String DEFAULT_GRAPH_CLIENT_ID = "sim-client-id";
    public static final String DEFAULT_GRAPH_CLIENT_SECRET = "sim-client-secret";
    public static final String DEFAULT_SALESFORCE_TOKEN = "sim-salesforce-token";
    public static final String DEFAULT_SALESFORCE_CLIENT_ID = "sim-salesforce-client-id";
    public static final String DEFAULT_SALESFORCE_CLIENT_SECRET = "sim-salesforce-client-secret";
    public static final String DEFAULT_WORKDAY_TENANT = "sim";
    public static final String DEFAULT_WORKDAY_USER = "ISU_Roster";
    public static final String DEFAULT_WORKDAY_PASSWORD = "sim-workday-password";
    public static final String DEFAULT_WORKDAY_REFRESH_TOKEN = "sim-workday-refresh-token";
    public static final String DEFAULT_WORKDAY_CLIENT_ID = "sim-workday-client-id";
    public static final String DEFAULT_WORKDAY_CLIENT_SECRET = "sim-workday-client-secret";

    private final Population population;
    private final Builder config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final Deque<String> recentPaths = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<String> inFlight = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int retryAfterSeconds = 1;
    private final StaffbaseApi staffbase;
    private final ScimApi scim;
    private final GraphApi graph;
    private final SalesforceApi salesforce;
    private final WorkdayApi workday;

    static {
        // Without TCP_NODELAY the last chunk of every response waits for the client's delayed ACK (about 40 ms
        // a page). Read once per JVM by the JDK's HTTP server, so set before any server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private SourceSimulator(Builder b) throws IOException {
        this.population = b.population;
        this.config = b;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
        this.executor = Executors.newFixedThreadPool(b.threads, r -> {
            Thread t = new Thread(r, "source-simulator");
            t.setDaemon(true);
            return t;
        });
        this.staffbase = new StaffbaseApi(this);
        this.scim = new ScimApi(this);
        this.graph = new GraphApi(this);
        this.salesforce = new SalesforceApi(this);
        this.workday = new WorkdayApi(this);
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
        server.start();
    }

    public static Builder builder(Population population) {
        return new Builder(population);
    }

    /** Starts a simulator with default credentials on a free port. */
    public static SourceSimulator start(Population population) {
        return builder(population).start();
    }

    public Population population() {
        return population;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: the base of every API (Graph and Salesforce links are absolute to it). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Builder config() {
        return config;
    }

    // ------------------------------------------------------------ fault injection

    /**
     * The next {@code count} requests whose path starts with {@code pathPrefix} fail with {@code status} (429
     * and 503 carry {@code Retry-After}).
     */
    public SourceSimulator failNext(String pathPrefix, int count, int status) {
        faults.add(new Fault(pathPrefix, count, status, Duration.ZERO, 0));
        return this;
    }

    /**
     * The next {@code count} responses under {@code pathPrefix} answered 200 break off after {@code afterBytes}
     * bytes of body: the transfer ends there, mid-document (a dropped connection, a proxy timing out).
     */
    public SourceSimulator breakNext(String pathPrefix, int count, long afterBytes) {
        faults.add(new Fault(pathPrefix, count, 0, Duration.ZERO, Math.max(1, afterBytes)));
        return this;
    }

    /** The next request (any path) is answered only after {@code delay}. */
    public SourceSimulator slowNext(Duration delay) {
        return slowNext("/", 1, delay);
    }

    /** The next {@code count} requests under {@code pathPrefix} are answered only after {@code delay}. */
    public SourceSimulator slowNext(String pathPrefix, int count, Duration delay) {
        faults.add(new Fault(pathPrefix, count, 0, delay, 0));
        return this;
    }

    /** The {@code Retry-After} seconds sent with injected 429s and 503s (default 1). */
    public SourceSimulator retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Forgets all pending injected faults. */
    public SourceSimulator clearFaults() {
        faults.clear();
        return this;
    }

    /**
     * Invalidates every access token issued so far by the Graph, Workday and Salesforce token endpoints (the next
     * call with one gets 401, as when a token expires). Salesforce's configured token stays valid.
     */
    public void expireAccessTokens() {
        issuedTokens.clear();
    }

    /** Total requests served (including failed ones). */
    public int requestCount() {
        return requests.get();
    }

    /** Requests whose path starts with the prefix, among the last 10,000. */
    public int requestCount(String pathPrefix) {
        synchronized (recentPaths) {
            int n = 0;
            for (String p : recentPaths) {
                if (p.startsWith(pathPrefix)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Requests under the prefix still being answered: a streamed report the client has not read to its end. */
    public int inFlight(String pathPrefix) {
        int n = 0;
        for (String p : inFlight) {
            if (p.startsWith(pathPrefix)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ internals

    String issueAccessToken(String prefix) {
        String token = prefix + "-" + java.util.UUID.randomUUID();
        issuedTokens.add(token);
        return token;
    }

    boolean isIssued(String token) {
        return token != null && issuedTokens.contains(token);
    }

    /** Whether the token was issued by the token endpoint whose tokens start with {@code prefix}. */
    boolean isIssued(String token, String prefix) {
        return isIssued(token) && token.startsWith(prefix + "-");
    }

    static String bearer(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).trim();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.incrementAndGet();
        synchronized (recentPaths) {
            recentPaths.addLast(path);
            if (recentPaths.size() > 10_000) {
                recentPaths.removeFirst();
            }
        }
        inFlight.add(path);
        try {
            if (applyFaults(ex, path)) {
                return;
            }
            if (path.startsWith("/api/users")) {
                staffbase.handle(ex, path);
            } else if (path.startsWith("/scim/v2/")) {
                scim.handle(ex, path);
            } else if (path.startsWith("/v1.0/") || path.endsWith("/oauth2/v2.0/token")) {
                graph.handle(ex, path);
            } else if (path.startsWith("/services/")) {
                salesforce.handle(ex, path);
            } else if (path.startsWith("/ccx/")) {
                workday.handle(ex, path);
            } else {
                Http.json(ex, 404, g -> {
                    g.writeStartObject();
                    g.writeStringField("error", "not_found");
                    g.writeStringField("message", "the simulator serves no " + path);
                    g.writeEndObject();
                });
            }
        } catch (Http.BadRequest e) {
            Http.json(ex, 400, g -> {
                g.writeStartObject();
                g.writeStringField("error", "bad_request");
                g.writeStringField("message", e.getMessage());
                g.writeEndObject();
            });
        } catch (IOException | RuntimeException e) {
            // a client that hung up mid-page, or a bug: answer 500 if the headers are not out yet
            if (ex.getResponseCode() < 0) {
                Http.json(ex, 500, g -> {
                    g.writeStartObject();
                    g.writeStringField("error", "internal_error");
                    g.writeStringField("message", String.valueOf(e));
                    g.writeEndObject();
                });
            }
        } finally {
            ex.close();
            inFlight.remove(path);
        }
    }

    private boolean applyFaults(HttpExchange ex, String path) throws IOException {
        Fault hit = null;
        long delayMillis = 0;
        for (Iterator<Fault> it = faults.iterator(); it.hasNext();) {
            Fault f = it.next();
            if (path.startsWith(f.prefix)) {
                if (f.breakAfter > 0) {
                    if (ex.getAttribute(Http.BREAK_AFTER) == null) {
                        // used up only by a response that is answered 200 (see Http.json)
                        ex.setAttribute(Http.BREAK_AFTER, (LongSupplier) () -> f.take() ? f.breakAfter : 0);
                    }
                } else if (f.status == 0) {
                    if (f.take()) {
                        delayMillis += f.delay.toMillis(); // every matching slow rule applies
                    }
                } else if (hit == null && f.take()) {
                    hit = f; // the first matching failure applies
                }
            }
            if (f.remaining.get() <= 0) {
                it.remove();
            }
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (hit == null) {
            return false;
        }
        int status = hit.status;
        if (status == 429 || status == 503) {
            ex.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
        }
        Http.json(ex, status, g -> {
            g.writeStartObject();
            g.writeStringField("error", status == 429 ? "too_many_requests" : "injected_failure");
            g.writeStringField("message", "injected by the source simulator: HTTP " + status);
            g.writeEndObject();
        });
        return true;
    }

    private static final class Fault {

        final String prefix;
        final AtomicInteger remaining;
        final int status;
        final Duration delay;
        final long breakAfter;

        Fault(String prefix, int count, int status, Duration delay, long breakAfter) {
            this.prefix = prefix;
            this.remaining = new AtomicInteger(count);
            this.status = status;
            this.delay = delay;
            this.breakAfter = breakAfter;
        }

        boolean take() {
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }
    }

    /** Configuration: port, threads and each API's credentials (defaults are the {@code DEFAULT_*} constants). */
    public static final class Builder {

        final Population population;
        int port = 0;
        int threads = 4;
        String staffbaseToken = DEFAULT_STAFFBASE_TOKEN;
        String scimToken = DEFAULT_SCIM_TOKEN;
        String graphTenant = DEFAULT_GRAPH_TENANT;
        String graphClientId = DEFAULT_GRAPH_CLIENT_ID;
        String graphClientSecret = DEFAULT_GRAPH_CLIENT_SECRET;
        int graphPageSize = 100;
        String salesforceToken = DEFAULT_SALESFORCE_TOKEN;
        String salesforceClientId = DEFAULT_SALESFORCE_CLIENT_ID;
        String salesforceClientSecret = DEFAULT_SALESFORCE_CLIENT_SECRET;
        int salesforceBatchSize = 2000;
        String workdayTenant = DEFAULT_WORKDAY_TENANT;
        String workdayUser = DEFAULT_WORKDAY_USER;
        String workdayPassword = DEFAULT_WORKDAY_PASSWORD;
        String workdayRefreshToken = DEFAULT_WORKDAY_REFRESH_TOKEN;
        String workdayClientId = DEFAULT_WORKDAY_CLIENT_ID;
        String workdayClientSecret = DEFAULT_WORKDAY_CLIENT_SECRET;
        int workdayTokenSeconds = 3600;

        private Builder(Population population) {
            this.population = population;
        }

        /** 0 (default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The Staffbase API token, sent as {@code Authorization: Basic <token>}. */
        public Builder staffbaseToken(String token) {
            this.staffbaseToken = token;
            return this;
        }

        public Builder scimToken(String token) {
            this.scimToken = token;
            return this;
        }

        public Builder graph(String tenant, String clientId, String clientSecret) {
            this.graphTenant = tenant;
            this.graphClientId = clientId;
            this.graphClientSecret = clientSecret;
            return this;
        }

        /** Users per Graph delta page (default 100; a request's {@code Prefer: odata.maxpagesize=n} wins). */
        public Builder graphPageSize(int size) {
            this.graphPageSize = size;
            return this;
        }

        public Builder salesforceToken(String token) {
            this.salesforceToken = token;
            return this;
        }

        /** The connected app's consumer key and secret for the client-credentials flow. */
        public Builder salesforceClient(String clientId, String clientSecret) {
            this.salesforceClientId = clientId;
            this.salesforceClientSecret = clientSecret;
            return this;
        }

        /** Records per Salesforce query batch (default 2,000, Salesforce's maximum). */
        public Builder salesforceBatchSize(int size) {
            this.salesforceBatchSize = size;
            return this;
        }

        public Builder workday(String tenant, String user, String password, String refreshToken) {
            this.workdayTenant = tenant;
            this.workdayUser = user;
            this.workdayPassword = password;
            this.workdayRefreshToken = refreshToken;
            return this;
        }

        /** The Workday API client (REST: token endpoint, refresh-token grant). */
        public Builder workdayClient(String clientId, String clientSecret) {
            this.workdayClientId = clientId;
            this.workdayClientSecret = clientSecret;
            return this;
        }

        /** The {@code expires_in} of Workday access tokens (default 3,600 seconds). */
        public Builder workdayTokenSeconds(int seconds) {
            this.workdayTokenSeconds = seconds;
            return this;
        }

        public String staffbaseToken() {
            return staffbaseToken;
        }

        public String scimToken() {
            return scimToken;
        }

        public String graphTenant() {
            return graphTenant;
        }

        public String graphClientId() {
            return graphClientId;
        }

        public String graphClientSecret() {
            return graphClientSecret;
        }

        public String salesforceToken() {
            return salesforceToken;
        }

        public String salesforceClientId() {
            return salesforceClientId;
        }

        public String salesforceClientSecret() {
            return salesforceClientSecret;
        }

        public String workdayTenant() {
            return workdayTenant;
        }

        public String workdayUser() {
            return workdayUser;
        }

        public String workdayPassword() {
            return workdayPassword;
        }

        public String workdayRefreshToken() {
            return workdayRefreshToken;
        }

        public String workdayClientId() {
            return workdayClientId;
        }

        public String workdayClientSecret() {
            return workdayClientSecret;
        }

        public SourceSimulator start() {
            try {
                return new SourceSimulator(this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot start the source simulator on port " + port, e);
            }
        }
    }
}
