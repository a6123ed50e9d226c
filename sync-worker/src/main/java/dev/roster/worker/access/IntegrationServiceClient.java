package dev.roster.worker.access;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;

import dev.roster.worker.config.WorkerConfig;
import dev.roster.worker.connector.SourceException;
import dev.roster.worker.connector.SourceException.Kind;

/**
 * The worker's way to integration-service: with its own service-account token (OAuth2 client credentials,
 * {@code quarkus.oidc-client.*}), it reads a source's connection and credentials, and a CSV integration's
 * uploaded file, right before it calls the source. Nothing secret travels on Kafka.
 */
@ApplicationScoped
public class IntegrationServiceClient {

    private static final Logger LOG = Logger.getLogger(IntegrationServiceClient.class);
    private static final int ATTEMPTS = 4;

    @Inject
    OidcClient oidc;

    @Inject
    WorkerConfig config;

    @Inject
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Tokens tokens;

    /**
     * The connection and credentials of an integration.
     *
     * @throws IntegrationGoneException if integration-service no longer knows it
     */
    public SourceAccess sourceAccess(UUID integrationId) {
        HttpResponse<InputStream> response = get("/internal/v1/integrations/" + integrationId + "/source-access",
                "application/json", "the integration's connection");
        try (InputStream body = response.body()) {
            return mapper.readValue(body, SourceAccess.class);
        } catch (IOException e) {
            throw new SourceException(Kind.UNAVAILABLE, "integration-service sent an unreadable source access", e);
        }
    }

    /** The uploaded file of a CSV integration, as a stream the caller closes. */
    public InputStream openFile(UUID integrationId) {
        return get("/internal/v1/integrations/" + integrationId + "/file", "text/csv, application/octet-stream",
                "the integration's uploaded file").body();
    }

    private HttpResponse<InputStream> get(String path, String accept, String what) {
        URI uri = config.integrationServiceUrl().resolve(path);
        for (int attempt = 1;; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Accept", accept)
                        .header("Authorization", "Bearer " + accessToken(attempt > 1)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                retryOrFail(attempt, what + ": integration-service unreachable (" + e.getClass().getSimpleName()
                        + ")");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(Kind.UNAVAILABLE, "interrupted while reading " + what, e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return response;
            }
            discard(response);
            if (status == 404) {
                throw new IntegrationGoneException(what + ": integration-service does not know it (HTTP 404)");
            }
            if ((status == 401 || status >= 500) && attempt < ATTEMPTS) {
                retryOrFail(attempt, what + ": integration-service answered HTTP " + status);
                continue;
            }
            throw new SourceException(Kind.UNAVAILABLE,
                    what + ": integration-service answered HTTP " + status
                            + (status == 401 || status == 403 ? " (check the worker's service account)" : ""));
        }
    }

    private synchronized String accessToken(boolean renew) {
        if (tokens == null || renew || tokens.isAccessTokenExpired()
                || tokens.isAccessTokenWithinRefreshInterval()) {
            tokens = oidc.getTokens().await().atMost(Duration.ofSeconds(30));
        }
        return tokens.getAccessToken();
    }

    private static void retryOrFail(int attempt, String message) {
        if (attempt >= ATTEMPTS) {
            throw new SourceException(Kind.UNAVAILABLE, message + ", " + attempt + " attempts");
        }
        LOG.infof("%s; retrying", message);
        try {
            Thread.sleep(500L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(Kind.UNAVAILABLE, "interrupted", e);
        }
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // nothing to keep
        }
    }

    /** integration-service no longer has the integration: it was deleted while a job was queued. */
    public static class IntegrationGoneException extends RuntimeException {

        public IntegrationGoneException(String message) {
            super(message);
        }
    }
}
