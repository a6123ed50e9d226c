package dev.roster.worker.connector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.worker.connector.SourceException.Kind;

/**
 * Salesforce REST: {@code GET {instanceUrl}/services/data/{apiVersion}/query?q=<SOQL>} with a Bearer token,
 * then each {@code nextRecordsUrl} (the cursor) until {@code done}. Up to 2,000 records a batch. A Contact
 * has no standard active flag; a User's {@code IsActive}, or a custom {@code Active__c}, false is inactive.
 *
 * <p>
 * The token is either given ({@link #SalesforceConnector(SourceHttp, String, String, String, String)}) or
 * obtained by the OAuth 2.0 client-credentials flow of a connected app ({@link #clientCredentials}):
 * {@code POST {instanceUrl}/services/oauth2/token} with {@code grant_type=client_credentials},
 * {@code client_id} and {@code client_secret}, on the first fetch and once more when a query is refused
 * (sessions expire). The instance URL is then the org's My Domain URL, which serves the API as well; the
 * {@code instance_url} in the answer is not followed. A refused client ({@code invalid_client},
 * {@code invalid_client_id}, which Salesforce answers with 400) is {@link Kind#AUTHENTICATION}.
 */
public final class SalesforceConnector implements SourceConnector {

    private final SourceHttp http;
    private final String instanceUrl;
    private final String apiVersion;
    private final String accessToken;
    private final AccessToken clientToken;
    private final String soql;

    /** With a ready access token: a refused one is an authentication error. */
    public SalesforceConnector(SourceHttp http, String instanceUrl, String apiVersion, String accessToken,
            String soql) {
        this(http, instanceUrl, apiVersion, accessToken, null, null, soql);
    }

    private SalesforceConnector(SourceHttp http, String instanceUrl, String apiVersion, String accessToken,
            String clientId, String clientSecret, String soql) {
        this.http = http;
        this.instanceUrl = instanceUrl.endsWith("/") ? instanceUrl.substring(0, instanceUrl.length() - 1) : instanceUrl;
        this.apiVersion = apiVersion;
        this.accessToken = accessToken;
        this.soql = soql;
        if (accessToken == null) {
            URI tokenUri = URI.create(this.instanceUrl + "/services/oauth2/token");
            String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                    + encode(clientSecret);
            this.clientToken = new AccessToken(
                    () -> http.postForm(tokenUri, Map.of(), form, "Salesforce token request"),
                    "Salesforce token request");
        } else {
            this.clientToken = null;
        }
    }

    /**
     * A connector that obtains its token by the client-credentials flow of a connected app (its consumer key
     * and secret), when it first needs one and again when the token is refused.
     *
     * @param instanceUrl the org's My Domain URL, e.g. {@code https://acme.my.salesforce.com}
     */
    public static SalesforceConnector clientCredentials(SourceHttp http, String instanceUrl, String apiVersion,
            String clientId, String clientSecret, String soql) {
        return new SalesforceConnector(http, instanceUrl, apiVersion, null, clientId, clientSecret, soql);
    }

    @Override
    public SourcePage fetch(String cursor) {
        String path = cursor != null
                ? cursor
                : "/services/data/" + apiVersion + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
        if (!path.startsWith("/services/data/")) {
            throw new SourceException(Kind.BAD_PAYLOAD, "Salesforce sent a nextRecordsUrl outside /services/data/");
        }
        URI uri = URI.create(instanceUrl + path);
        JsonNode page = clientToken == null
                ? query(uri, accessToken)
                : clientToken.call(token -> query(uri, token));
        JsonNode records = page.get("records");
        if (records == null || !records.isArray() || !page.has("done")) {
            throw new SourceException(Kind.BAD_PAYLOAD, "Salesforce query answered without 'records' and 'done'");
        }
        List<SourceRecord> result = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            String id = record.path("Id").asText(null);
            if (id == null) {
                throw new SourceException(Kind.BAD_PAYLOAD, "a Salesforce record has no Id: add Id to the SELECT list");
            }
            boolean active = record.path("IsActive").asBoolean(true) && record.path("Active__c").asBoolean(true);
            result.add(new SourceRecord(id, SourceRecord.activeOrNot(active), active, record));
        }
        boolean done = page.get("done").asBoolean();
        String next = done ? null : page.path("nextRecordsUrl").asText(null);
        if (!done && next == null) {
            throw new SourceException(Kind.BAD_PAYLOAD, "Salesforce said not done but sent no nextRecordsUrl");
        }
        Long total = page.path("totalSize").canConvertToLong() ? page.get("totalSize").asLong() : null;
        return new SourcePage(result, next, total);
    }

    private JsonNode query(URI uri, String token) {
        return http.getJson(uri, Map.of("Authorization", "Bearer " + token), "Salesforce query");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
