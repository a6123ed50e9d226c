package dev.roster.worker.connector;

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

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.worker.connector.SourceException.Kind;

/**
 * HTTP as every connector needs it: connect and read timeouts, retries with exponential backoff on 429 and
 * 5xx that honour {@code Retry-After}, a request rate per source, and errors that say what failed without
 * echoing a header (where the secrets are).
 */
public final class SourceHttp {

    private static final Logger LOG = Logger.getLogger(SourceHttp.class);

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
        return send(uri, headers, null, what);
    }

    /** POSTs a form and reads the JSON answer (token endpoints). */
    public JsonNode postForm(URI uri, Map<String, String> headers, String form, String what) {
        return send(uri, headers, form, what);
    }

    private JsonNode send(URI uri, Map<String, String> headers, String form, String what) {
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
                try (InputStream body = response.body()) {
                    return mapper.readTree(body);
                } catch (IOException e) {
                    throw new SourceException(Kind.BAD_PAYLOAD, what + " answered with a body that is not JSON", e);
                }
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

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // nothing to keep
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
