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
 * A SCIM 2.0 server (RFC 7644): {@code GET {baseUrl}/Users?startIndex&count}, 1-based, Bearer token. The
 * cursor is the next startIndex. {@code active} is read as a boolean or, as some servers send it, a
 * string; a user without it counts as active.
 */
public final class ScimConnector implements SourceConnector {

    private final SourceHttp http;
    private final String baseUrl;
    private final String bearerToken;
    private final int count;
    private final String filter;

    public ScimConnector(SourceHttp http, String baseUrl, String bearerToken, int count, String filter) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.bearerToken = bearerToken;
        this.count = count;
        this.filter = filter;
    }

    @Override
    public SourcePage fetch(String cursor) {
        long startIndex = cursor == null ? 1 : Long.parseLong(cursor);
        String query = "startIndex=" + startIndex + "&count=" + count
                + (filter == null || filter.isBlank()
                        ? ""
                        : "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        JsonNode page = http.getJson(URI.create(baseUrl + "/Users?" + query),
                Map.of("Authorization", "Bearer " + bearerToken, "Accept", "application/scim+json"), "SCIM GET /Users");
        JsonNode resources = page.path("Resources");
        if (!page.path("totalResults").canConvertToLong()) {
            throw new SourceException(Kind.BAD_PAYLOAD, "SCIM /Users answered without totalResults");
        }
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode user : resources) {
            String id = user.path("id").asText(null);
            if (id == null) {
                throw new SourceException(Kind.BAD_PAYLOAD, "a SCIM user has no id");
            }
            boolean active = active(user.get("active"));
            records.add(new SourceRecord(id, SourceRecord.activeOrNot(active), active, user));
        }
        long total = page.get("totalResults").asLong();
        long next = startIndex + records.size();
        boolean last = records.isEmpty() || next > total;
        return new SourcePage(records, last ? null : Long.toString(next), total);
    }

    /** {@code true}, {@code "True"}, {@code "true"} are active; {@code false}, {@code "False"} are not. */
    static boolean active(JsonNode value) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return !"false".equalsIgnoreCase(value.asText().strip());
    }
}
