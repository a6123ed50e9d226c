package dev.roster.worker.connector;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.worker.connector.SourceException.Kind;

/**
 * HTTP as every connector needs it: connect and read timeouts, retries with exponential backoff on 429 and
 * 5xx that honour {@code Retry-After}, a request rate per source, and errors that say what failed without
 * echoing a header (where the secrets are). A token request refused with an OAuth 2.0 error in a 400
 * ({@code invalid_client}, {@code invalid_grant}, as RFC 6749 and Salesforce answer) is an authentication
 * error too. Large documents can be read as a stream ({@link #openStream}).
 */
public final class SourceHttp {

    private static final Logger LOG = Logger.getLogger(SourceHttp.class);
    /** OAuth 2.0 token errors that mean the credentials were refused ({@code invalid_client_id}: Salesforce). */
    private static final Set<String> REFUSED = Set.of("invalid_client", "invalid_client_id", "invalid_grant",
            "unauthorized_client");

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Settings settings;
    private long nextRequestAt;

    public SourceHttp(ObjectMapper mapper, Settings settings) {
        this.mapper = mapper;
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * How a connector talks to one source.
     *
     * @param requestsPerSecond at most this many requests a second to the source (0: no limit)
     */
    public record Settings(Duration connectTimeout, Duration readTimeout, int maxRetries, Duration firstBackoff,
            Duration maxBackoff, double requestsPerSecond) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(60), 5, Duration.ofMillis(500),
                    Duration.ofSeconds(60), 0);
        }
    }

    /** GETs a JSON document, retrying what is worth retrying. */
    public JsonNode getJson(URI uri, Map<String, String> headers, String what) {
        return read(send(uri, headers, null, what), what);
    }

    /** POSTs a form and reads the JSON answer (token endpoints). */
    public JsonNode postForm(URI uri, Map<String, String> headers, String form, String what) {
        return read(send(uri, headers, form, what), what);
    }

    /**
     * GETs a document too large to hold and hands its body over as a stream, to be parsed as it arrives and
     * closed by the caller. Everything before the body (retries, backoff, {@code Retry-After}, the kind of an
     * error) is as for {@link #getJson}; once the body has begun, a transfer that fails throws
     * {@link SourceException} {@link Kind#UNAVAILABLE} from {@code read}, saying how far it got. The read
     * timeout bounds the wait for the response's headers only: the body may be read as slowly as the caller
     * processes it.
     */
    public InputStream openStream(URI uri, Map<String, String> headers, String what) {
        return new Body(send(uri, headers, null, what), what);
    }

    /** The mapper this client reads JSON with (for parsing a stream the same way). */
    ObjectMapper mapper() {
        return mapper;
    }

    private JsonNode read(InputStream stream, String what) {
        try (InputStream body = stream) {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new SourceException(Kind.BAD_PAYLOAD, what + " answered with a body that is not JSON", e);
        }
    }

    /** Sends until a 200 answers, or fails by kind; returns the body unread. */
    private InputStream send(URI uri, Map<String, String> headers, String form, String what) {
        for (int attempt = 0;; attempt++) {
            pace();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.readTimeout())
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            if (form != null) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form));
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                retryOrFail(attempt, Kind.UNAVAILABLE, what + " timed out", null);
                continue;
            } catch (IOException e) {
                retryOrFail(attempt, Kind.UNAVAILABLE, what + " failed: " + e.getClass().getSimpleName(), null);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(Kind.UNAVAILABLE, what + " was interrupted", e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            String oauthError = form != null && status == 400 ? oauthError(response) : null;
            if (oauthError != null) {
                throw new SourceException(Kind.AUTHENTICATION,
                        what + " was refused (HTTP 400 " + oauthError + "): check the integration's credentials");
            }
            discard(response);
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(SourceHttp::seconds);
            switch (status) {
                case 401, 403 -> throw new SourceException(Kind.AUTHENTICATION,
                        what + " was refused (HTTP " + status + "): check the integration's credentials");
                case 404 -> throw new SourceException(Kind.NOT_FOUND, what + " found nothing at " + withoutQuery(uri));
                case 410 ->
                    throw new SourceException(Kind.DELTA_EXPIRED, what + ": the delta token expired (HTTP 410)");
                case 429 -> retryOrFail(attempt, Kind.RATE_LIMITED, what + " is rate limited (HTTP 429)", retryAfter);
                default -> {
                    if (status >= 500) {
                        retryOrFail(attempt, Kind.UNAVAILABLE, what + " failed (HTTP " + status + ")", retryAfter);
                    } else {
                        throw new SourceException(Kind.BAD_PAYLOAD, what + " was rejected (HTTP " + status + ")");
                    }
                }
            }
        }
    }

    private void retryOrFail(int attempt, Kind kind, String message, Optional<Duration> retryAfter) {
        if (attempt >= settings.maxRetries()) {
            throw new SourceException(kind, message + ", " + (attempt + 1) + " attempts");
        }
        Duration backoff = settings.firstBackoff().multipliedBy(1L << Math.min(attempt, 16));
        Duration wait = retryAfter != null && retryAfter.isPresent() ? retryAfter.get() : backoff;
        if (wait.compareTo(settings.maxBackoff()) > 0) {
            wait = settings.maxBackoff();
        }
        LOG.infof("%s; retrying in %d ms", message, wait.toMillis());
        sleep(wait.toMillis());
    }

    private synchronized void pace() {
        if (settings.requestsPerSecond() <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (nextRequestAt > now) {
            sleep((nextRequestAt - now) / 1_000_000);
            now = System.nanoTime();
        }
        nextRequestAt = Math.max(now, nextRequestAt) + (long) (1_000_000_000L / settings.requestsPerSecond());
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: fall back to our own backoff
        }
    }

    /** The OAuth 2.0 {@code error} of a refused token request if it says the credentials are wrong, else null. */
    private String oauthError(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            JsonNode error = mapper.readTree(body.readNBytes(16 * 1024)).path("error");
            return error.isTextual() && REFUSED.contains(error.asText()) ? error.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null; // not an OAuth error: a plain 400
        }
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // nothing to keep
        }
    }

    /** A response body being read: a transfer that fails is a {@link SourceException}, not an IOException. */
    /** Watches open bodies: one that yields no byte for the read timeout is closed, failing its read. */
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "source-read-watchdog");
                t.setDaemon(true);
                return t;
            });

    private final class Body extends FilterInputStream {

        private final String what;
        private final java.util.concurrent.ScheduledFuture<?> watch;
        private long bytes;
        private volatile long lastData = System.nanoTime();
        private volatile boolean reading;
        private volatile boolean stalled;

        Body(InputStream in, String what) {
            super(in);
            this.what = what;
            long every = Math.max(50, settings.readTimeout().toMillis() / 4);
            this.watch = WATCHDOG.scheduleWithFixedDelay(this::check, every, every,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** A read blocked without data for the read timeout: the source stalled mid-body. */
        private void check() {
            if (reading && System.nanoTime() - lastData > settings.readTimeout().toNanos()) {
                stalled = true;
                close();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reading = true;
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    bytes += n;
                }
                lastData = System.nanoTime();
                return n;
            } catch (IOException e) {
                throw new SourceException(Kind.UNAVAILABLE, what + (stalled
                        ? " stalled: no data for " + settings.readTimeout().toSeconds() + " s after " + bytes + " bytes"
                        : " broke off after " + bytes + " bytes: " + e.getClass().getSimpleName()), e);
            } finally {
                reading = false;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public void close() {
            watch.cancel(false);
            try {
                in.close();
            } catch (IOException e) {
                // the connection is dropped either way
            }
        }
    }

    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(Kind.UNAVAILABLE, "interrupted while waiting to retry", e);
        }
    }
}
