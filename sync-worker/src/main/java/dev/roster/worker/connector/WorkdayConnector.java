package dev.roster.worker.connector;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.worker.connector.SourceException.Kind;
import dev.roster.worker.connector.SourcePage.UnreadableRecord;

/**
 * Workday, read one of two ways.
 *
 * <p>
 * <b>Report as a Service</b> ({@link #raas}): {@code GET} a custom report's URL
 * ({@code https://{host}/ccx/service/customreport2/{tenant}/{owner}/{report}?format=json}) with Basic auth of an
 * integration system user. The answer is one JSON document, {@code {"Report_Entry": [...]}}, of every worker the
 * report lists, which can be a million rows and has no paging. It is parsed as a stream, one entry at a time:
 * the connector keeps the response open between {@link #fetch} calls and hands out pages of {@code pageSize}
 * entries, so it never holds more than a page. The cursor counts the rows consumed ({@code row:5000}); a cursor
 * it did not just hand out (a job resumed on another worker, or {@code null} for a new read) reopens the report
 * and skips that many rows without reading them into memory. {@link #close()} closes the response. The record id
 * is the value of a configurable column (default {@value #DEFAULT_ID_COLUMN}); a row without it, or a row that
 * is not an object, is reported as unreadable and the read goes on. A report lists the workers it selects
 * (usually the non-terminated ones), so every row is active, unless it has a column {@code Active} (false when
 * {@code 0}, {@code false}, {@code no}) or {@code Terminated} (true when {@code 1}, {@code true}, {@code yes}):
 * RaaS sends booleans as {@code "1"}/{@code "0"}. The total is unknown. A transfer that breaks off mid-report is
 * {@link Kind#UNAVAILABLE}: the job retries from its last cursor. A document without {@code Report_Entry} is
 * {@link Kind#BAD_PAYLOAD}, never an empty source.
 *
 * <p>
 * <b>REST</b> ({@link #rest}): an access token from {@code {baseUrl}/ccx/oauth2/{tenant}/token} by the
 * refresh-token grant (the API client authenticated by HTTP Basic), then
 * {@code GET {baseUrl}/ccx/api/staffing/v6/{tenant}/workers?limit&offset} ({@code limit} at most 100, Workday's
 * maximum). The cursor is the next offset, the total Workday's {@code total}, the id the worker's Workday
 * {@code id}. Only non-terminated workers are listed, so every one is active: a worker missing from the list
 * has left. A token refused mid-read (they expire) is renewed once.
 */
public final class WorkdayConnector implements SourceConnector {

    /** The report column whose value is a row's id unless another is configured. */
    public static final String DEFAULT_ID_COLUMN = "Employee_ID";
    /** Workday's maximum {@code limit} for REST collections. */
    public static final int MAX_REST_LIMIT = 100;

    /** How the connector reads Workday. */
    public enum Mode {
        /** A custom report (Report as a Service), streamed. */
        RAAS,
        /** The staffing REST API's workers collection. */
        REST
    }

    private final Mode mode;
    private final SourceConnector reader;

    private WorkdayConnector(Mode mode, SourceConnector reader) {
        this.mode = mode;
        this.reader = reader;
    }

    /**
     * A connector reading a custom report.
     *
     * @param reportUrl the report's URL; {@code format=json} is added if the URL names no format
     * @param username the integration system user
     * @param idColumn the column holding each row's id; null or blank for {@value #DEFAULT_ID_COLUMN}
     * @param pageSize rows per page
     */
    public static WorkdayConnector raas(SourceHttp http, String reportUrl, String username, String password,
            String idColumn, int pageSize) {
        return new WorkdayConnector(Mode.RAAS, new Report(http, reportUrl, username, password,
                idColumn == null || idColumn.isBlank() ? DEFAULT_ID_COLUMN : idColumn.strip(), pageSize));
    }

    /**
     * A connector reading the staffing REST API.
     *
     * @param baseUrl the tenant's host, e.g. {@code https://wd2-impl-services1.workday.com}
     * @param tenant the tenant name in Workday's URLs
     * @param clientId the API client for integrations
     * @param refreshToken a (non-expiring) refresh token of that client for the integration's account
     * @param pageSize workers per page; more than {@value #MAX_REST_LIMIT} asks for {@value #MAX_REST_LIMIT}
     */
    public static WorkdayConnector rest(SourceHttp http, String baseUrl, String tenant, String clientId,
            String clientSecret, String refreshToken, int pageSize) {
        return new WorkdayConnector(Mode.REST,
                new Workers(http, baseUrl, tenant, clientId, clientSecret, refreshToken, pageSize));
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public SourcePage fetch(String cursor) {
        return reader.fetch(cursor);
    }

    @Override
    public void close() {
        reader.close();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ RaaS

    /** A report streamed a page at a time. */
    private static final class Report implements SourceConnector {

        private static final String WHAT = "Workday report";
        private static final Pattern CURSOR = Pattern.compile("row:(\\d+)");

        private final SourceHttp http;
        private final URI uri;
        private final Map<String, String> headers;
        private final String idColumn;
        private final int pageSize;

        private JsonParser parser;
        /** Rows consumed from the open response. */
        private long rows;
        /** The cursor of the page last handed out from the open response: the one that continues it. */
        private String handedOut;
        /** The parser stands on the first token of the next row, read ahead to see whether there is one. */
        private boolean ahead;
        private boolean exhausted;

        Report(SourceHttp http, String reportUrl, String username, String password, String idColumn, int pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1");
            }
            this.http = http;
            this.uri = withFormatJson(reportUrl);
            this.headers = Map.of("Authorization", basic(username, password));
            this.idColumn = idColumn;
            this.pageSize = pageSize;
        }

        @Override
        public synchronized SourcePage fetch(String cursor) {
            long from = rowOf(cursor);
            try {
                if (parser == null || cursor == null || !cursor.equals(handedOut)) {
                    open(from);
                }
                return page();
            } catch (SourceException e) {
                close();
                throw e;
            } catch (JsonEOFException e) {
                close();
                throw new SourceException(Kind.UNAVAILABLE,
                        WHAT + " ended after row " + rows + ", before the document was complete", e);
            } catch (JsonProcessingException e) {
                close();
                throw new SourceException(Kind.BAD_PAYLOAD, WHAT + " is not valid JSON after row " + rows, e);
            } catch (IOException e) {
                close();
                throw new SourceException(Kind.UNAVAILABLE,
                        WHAT + " broke off after row " + rows + ": " + e.getClass().getSimpleName(), e);
            }
        }

        @Override
        public synchronized void close() {
            handedOut = null;
            if (parser != null) {
                try {
                    parser.close(); // closes the response too
                } catch (IOException | RuntimeException e) {
                    // the connection is dropped either way
                }
                parser = null;
            }
        }

        /** Opens the report and skips {@code from} rows, token by token. */
        private void open(long from) throws IOException {
            close();
            InputStream body = http.openStream(uri, headers, WHAT);
            try {
                parser = http.mapper().createParser(body);
            } catch (IOException | RuntimeException e) {
                body.close();
                throw e;
            }
            rows = 0;
            ahead = false;
            exhausted = false;
            enterReportEntry();
            while (rows < from && !exhausted) {
                JsonToken token = nextRow();
                if (token != null) {
                    parser.skipChildren();
                    rows++;
                }
            }
        }

        private void enterReportEntry() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SourceException(Kind.BAD_PAYLOAD, WHAT + " is not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                token = parser.nextToken();
                if ("Report_Entry".equals(name)) {
                    if (token != JsonToken.START_ARRAY) {
                        throw new SourceException(Kind.BAD_PAYLOAD, WHAT + ": Report_Entry is not a list");
                    }
                    return;
                }
                parser.skipChildren();
            }
            throw new SourceException(Kind.BAD_PAYLOAD,
                    WHAT + " answered without Report_Entry: is it a report of workers in format=json?");
        }

        /** The first token of the next row, or null at the end of Report_Entry (then {@code exhausted}). */
        private JsonToken nextRow() throws IOException {
            if (exhausted) {
                return null;
            }
            JsonToken token = ahead ? parser.currentToken() : parser.nextToken();
            ahead = false;
            if (token == JsonToken.END_ARRAY) {
                exhausted = true;
                return null;
            }
            if (token == null) {
                throw new JsonEOFException(parser, null, "the document ended inside Report_Entry");
            }
            return token;
        }

        private SourcePage page() throws IOException {
            List<SourceRecord> records = new ArrayList<>(pageSize);
            List<UnreadableRecord> unreadable = new ArrayList<>();
            for (int n = 0; n < pageSize; n++) {
                JsonToken token = nextRow();
                if (token == null) {
                    break;
                }
                rows++;
                String row = "row " + rows;
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    unreadable.add(new UnreadableRecord(row, null, "the report row is not an object"));
                    continue;
                }
                JsonNode entry = http.mapper().readTree(parser);
                JsonNode id = entry.get(idColumn);
                if (id == null || !id.isValueNode() || id.isNull() || id.asText().isBlank()) {
                    unreadable.add(new UnreadableRecord(row, idColumn,
                            "the row has no " + idColumn + ": check the report's columns and the id column"));
                    continue;
                }
                boolean active = active(entry);
                records.add(new SourceRecord(id.asText().strip(), SourceRecord.activeOrNot(active), active, entry));
            }
            if (!exhausted) {
                nextRow(); // read ahead: a page that ends the report says so
                ahead = !exhausted;
            }
            if (exhausted) {
                close();
                return new SourcePage(records, null, null, null, unreadable);
            }
            handedOut = "row:" + rows;
            return new SourcePage(records, handedOut, null, null, unreadable);
        }

        /** Active unless an {@code Active} column says no or a {@code Terminated} column says yes. */
        static boolean active(JsonNode entry) {
            JsonNode active = entry.get("Active");
            if (active != null && !active.isNull()) {
                return truthy(active);
            }
            JsonNode terminated = entry.get("Terminated");
            if (terminated != null && !terminated.isNull()) {
                return !truthy(terminated);
            }
            return true;
        }

        private static boolean truthy(JsonNode value) {
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isNumber()) {
                return value.asInt() != 0;
            }
            return switch (value.asText().strip().toLowerCase(Locale.ROOT)) {
                case "1", "true", "yes", "y" -> true;
                default -> false;
            };
        }

        private static long rowOf(String cursor) {
            if (cursor == null) {
                return 0;
            }
            Matcher m = CURSOR.matcher(cursor);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Workday report cursor: " + cursor);
            }
            return Long.parseLong(m.group(1));
        }

        private static URI withFormatJson(String reportUrl) {
            URI uri = URI.create(reportUrl);
            String query = uri.getRawQuery();
            if (query != null && Pattern.compile("(^|&)format=").matcher(query).find()) {
                return uri;
            }
            return URI.create(reportUrl + (query == null ? "?" : "&") + "format=json");
        }
    }

    // ------------------------------------------------------------------ REST

    /** The workers collection, paged by offset. */
    private static final class Workers implements SourceConnector {

        private static final String WHAT = "Workday GET /workers";

        private final SourceHttp http;
        private final String workersUrl;
        private final int limit;
        private final AccessToken token;

        Workers(SourceHttp http, String baseUrl, String tenant, String clientId, String clientSecret,
                String refreshToken, int pageSize) {
            String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            this.http = http;
            this.workersUrl = base + "/ccx/api/staffing/v6/" + encode(tenant) + "/workers";
            this.limit = Math.max(1, Math.min(MAX_REST_LIMIT, pageSize));
            URI tokenUri = URI.create(base + "/ccx/oauth2/" + encode(tenant) + "/token");
            String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken);
            Map<String, String> client = Map.of("Authorization", basic(clientId, clientSecret));
            this.token = new AccessToken(() -> http.postForm(tokenUri, client, form, "Workday token request"),
                    "Workday token request");
        }

        @Override
        public SourcePage fetch(String cursor) {
            long offset = offsetOf(cursor);
            URI uri = URI.create(workersUrl + "?limit=" + limit + "&offset=" + offset);
            JsonNode page = token
                    .call(bearer -> http.getJson(uri, Map.of("Authorization", "Bearer " + bearer), WHAT));
            JsonNode data = page.get("data");
            if (data == null || !data.isArray() || !page.path("total").canConvertToLong()) {
                throw new SourceException(Kind.BAD_PAYLOAD, "Workday /workers answered without 'data' and 'total'");
            }
            List<SourceRecord> records = new ArrayList<>(data.size());
            for (JsonNode worker : data) {
                String id = worker.path("id").asText(null);
                if (id == null || id.isBlank()) {
                    throw new SourceException(Kind.BAD_PAYLOAD, "a Workday worker has no id");
                }
                records.add(new SourceRecord(id, "active", true, worker));
            }
            long total = page.get("total").asLong();
            long next = offset + data.size();
            boolean last = data.isEmpty() || next >= total;
            return new SourcePage(records, last ? null : Long.toString(next), total);
        }

        private static long offsetOf(String cursor) {
            if (cursor == null) {
                return 0;
            }
            try {
                long offset = Long.parseLong(cursor);
                if (offset >= 0) {
                    return offset;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException("not a Workday offset: " + cursor);
        }
    }
}
