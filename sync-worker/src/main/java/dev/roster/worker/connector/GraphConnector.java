package dev.roster.worker.connector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.worker.connector.SourceException.Kind;

/**
 * Microsoft Entra ID through Microsoft Graph. A client-credentials token from
 * {@code {authorityUrl}/{directoryTenantId}/oauth2/v2.0/token} (scope {@code https://graph.microsoft.com/.default}),
 * then {@code GET {graphUrl}/v1.0/users/delta?$select=...}, following {@code @odata.nextLink} (the cursor is
 * that link) until a page carries {@code @odata.deltaLink}, which the job stores and the next incremental
 * read starts from ({@link #incremental}). {@code @removed} entries (reason {@code changed} or
 * {@code deleted}) and {@code accountEnabled: false} are gone from the source. An expired delta token
 * (410 Gone) fails with {@link Kind#DELTA_EXPIRED}: the caller then reads everything again.
 */
public final class GraphConnector implements SourceConnector {

    static final String SELECT = "id,displayName,givenName,surname,mail,userPrincipalName,jobTitle,department,"
            + "officeLocation,city,country,mobilePhone,businessPhones,employeeId,employeeHireDate,accountEnabled";

    private final SourceHttp http;
    private final String authorityUrl;
    private final String graphUrl;
    private final String directoryTenantId;
    private final String clientId;
    private final String clientSecret;
    private String accessToken;
    private Instant tokenExpires = Instant.EPOCH;

    public GraphConnector(SourceHttp http, String authorityUrl, String graphUrl, String directoryTenantId,
            String clientId, String clientSecret) {
        this.http = http;
        this.authorityUrl = trim(authorityUrl);
        this.graphUrl = trim(graphUrl);
        this.directoryTenantId = directoryTenantId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** The first page of a full read, or the next page from a {@code @odata.nextLink}. */
    @Override
    public SourcePage fetch(String cursor) {
        String url = cursor != null
                ? cursor
                : graphUrl + "/v1.0/users/delta?$select=" + URLEncoder.encode(SELECT, StandardCharsets.UTF_8);
        return page(url);
    }

    /** The first page of an incremental read: the changes since the delta link a previous read ended with. */
    public SourcePage incremental(String deltaLink) {
        return page(deltaLink);
    }

    private SourcePage page(String url) {
        if (!url.startsWith(graphUrl + "/")) {
            throw new SourceException(Kind.BAD_PAYLOAD, "Graph sent a link outside " + graphUrl);
        }
        JsonNode page = http.getJson(URI.create(url), Map.of("Authorization", "Bearer " + token()),
                "Graph GET /users/delta");
        JsonNode value = page.get("value");
        if (value == null || !value.isArray()) {
            throw new SourceException(Kind.BAD_PAYLOAD, "Graph /users/delta answered without 'value'");
        }
        List<SourceRecord> records = new ArrayList<>(value.size());
        for (JsonNode user : value) {
            String id = user.path("id").asText(null);
            if (id == null) {
                throw new SourceException(Kind.BAD_PAYLOAD, "a Graph user has no id");
            }
            boolean removed = user.has("@removed");
            boolean enabled = !removed && user.path("accountEnabled").asBoolean(true);
            records.add(
                    new SourceRecord(id, user.path("accountEnabled").asBoolean(true) ? "enabled" : "disabled", enabled,
                            removed, user));
        }
        String next = page.path("@odata.nextLink").asText(null);
        String delta = page.path("@odata.deltaLink").asText(null);
        if (next == null && delta == null) {
            throw new SourceException(Kind.BAD_PAYLOAD, "a Graph delta page has neither a nextLink nor a deltaLink");
        }
        return new SourcePage(records, next, null, next == null ? delta : null);
    }

    private synchronized String token() {
        if (accessToken == null || Instant.now().isAfter(tokenExpires)) {
            String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                    + encode(clientSecret) + "&scope=" + encode("https://graph.microsoft.com/.default");
            JsonNode answer = http.postForm(URI.create(authorityUrl + "/" + encode(directoryTenantId)
                    + "/oauth2/v2.0/token"), Map.of(), form, "Entra ID token request");
            accessToken = answer.path("access_token").asText(null);
            if (accessToken == null) {
                throw new SourceException(Kind.AUTHENTICATION, "Entra ID issued no access token");
            }
            // renew a minute early
            tokenExpires = Instant.now().plusSeconds(Math.max(60, answer.path("expires_in").asLong(3600)) - 60);
        }
        return accessToken;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
