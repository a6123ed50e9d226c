package dev.roster.worker.connector;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.worker.connector.SourceException.Kind;

/**
 * Staffbase: {@code GET {baseUrl}/api/users} with {@code Authorization: Basic <API token>}, paged by
 * {@code limit} and {@code offset}, asking only for the users of the accepted statuses: by default those the
 * admins call "Registered" and "Pending" ({@code status=activated,pending}). The cursor is the next offset.
 */
public final class StaffbaseConnector implements SourceConnector {

    static final Set<String> ACTIVE = Set.of("activated", "pending");

    private final SourceHttp http;
    private final String baseUrl;
    private final String apiToken;
    private final int pageSize;
    private final String statuses;

    public StaffbaseConnector(SourceHttp http, String baseUrl, String apiToken, int pageSize) {
        this(http, baseUrl, apiToken, pageSize, ACTIVE);
    }

    /** Asks Staffbase for the users of these statuses only (the mapping's accepted statuses). */
    public StaffbaseConnector(SourceHttp http, String baseUrl, String apiToken, int pageSize, Set<String> statuses) {
        this.http = http;
        this.statuses = String.join(",", new TreeSet<>(statuses.isEmpty() ? ACTIVE : statuses));
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiToken = apiToken;
        this.pageSize = pageSize;
    }

    @Override
    public SourcePage fetch(String cursor) {
        long offset = cursor == null ? 0 : Long.parseLong(cursor);
        URI uri = URI.create(baseUrl + "/api/users?limit=" + pageSize + "&offset=" + offset
                + "&status=" + statuses);
        JsonNode page = http.getJson(uri, Map.of("Authorization", "Basic " + apiToken), "Staffbase GET /api/users");
        JsonNode data = page.get("data");
        if (data == null || !data.isArray() || !page.path("total").canConvertToLong()) {
            throw new SourceException(Kind.BAD_PAYLOAD, "Staffbase /api/users answered without 'data' and 'total'");
        }
        List<SourceRecord> records = new ArrayList<>(data.size());
        for (JsonNode user : data) {
            String id = user.path("id").asText(null);
            if (id == null) {
                throw new SourceException(Kind.BAD_PAYLOAD, "a Staffbase user has no id");
            }
            String status = user.path("status").asText("activated");
            records.add(new SourceRecord(id, status, ACTIVE.contains(status), user));
        }
        long total = page.get("total").asLong();
        long next = offset + data.size();
        boolean last = data.isEmpty() || next >= total;
        return new SourcePage(records, last ? null : Long.toString(next), total);
    }
}
