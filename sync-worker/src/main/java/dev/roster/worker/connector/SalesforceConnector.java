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
 */
public final class SalesforceConnector implements SourceConnector {

    private final SourceHttp http;
    private final String instanceUrl;
    private final String apiVersion;
    private final String accessToken;
    private final String soql;

    public SalesforceConnector(SourceHttp http, String instanceUrl, String apiVersion, String accessToken,
            String soql) {
        this.http = http;
        this.instanceUrl = instanceUrl.endsWith("/") ? instanceUrl.substring(0, instanceUrl.length() - 1) : instanceUrl;
        this.apiVersion = apiVersion;
        this.accessToken = accessToken;
        this.soql = soql;
    }

    @Override
    public SourcePage fetch(String cursor) {
        String path = cursor != null
                ? cursor
                : "/services/data/" + apiVersion + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
        if (!path.startsWith("/services/data/")) {
            throw new SourceException(Kind.BAD_PAYLOAD, "Salesforce sent a nextRecordsUrl outside /services/data/");
        }
        JsonNode page = http.getJson(URI.create(instanceUrl + path), Map.of("Authorization", "Bearer " + accessToken),
                "Salesforce query");
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
            result.add(new SourceRecord(id, active, record));
        }
        boolean done = page.get("done").asBoolean();
        String next = done ? null : page.path("nextRecordsUrl").asText(null);
        if (!done && next == null) {
            throw new SourceException(Kind.BAD_PAYLOAD, "Salesforce said not done but sent no nextRecordsUrl");
        }
        Long total = page.path("totalSize").canConvertToLong() ? page.get("totalSize").asLong() : null;
        return new SourcePage(result, next, total);
    }
}
