package dev.roster.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

/**
 * Salesforce REST {@code GET /services/data/vNN.N/query?q=SELECT ... FROM Contact}, Bearer token, batches of up
 * to 2,000 records followed by {@code nextRecordsUrl} until {@code done}. Only the SELECT list's known fields are
 * returned; every existing person is a Contact. The token is the configured one or one issued by the OAuth 2.0
 * client-credentials flow, {@code POST /services/oauth2/token} ({@code grant_type=client_credentials},
 * {@code client_id}, {@code client_secret} as form fields).
 */
final class SalesforceApi {

    private static final Pattern QUERY = Pattern.compile("/services/data/(v\\d+\\.\\d+)/query/?");
    private static final Pattern MORE = Pattern
            .compile("/services/data/(v\\d+\\.\\d+)/query/01gSIM-(\\d+)-(\\d+)-(.*)");
    private static final Pattern SOQL = Pattern.compile("(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+Contact\\b.*");
    static final String TOKEN_PATH = "/services/oauth2/token";
    static final String TOKEN_PREFIX = "00DSIM!sim-salesforce";
    private static final List<String> FIELDS = List.of("Id", "FirstName", "LastName", "Name", "Email", "Title",
            "Department", "Phone", "MailingCity", "MailingCountry", "ReportsToId", "Employee_Number__c");
    private final SourceSimulator sim;

    SalesforceApi(SourceSimulator sim) {
        this.sim = sim;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        if (path.equals(TOKEN_PATH)) {
            token(ex);
            return;
        }
        if (!path.startsWith("/services/data/")) {
            error(ex, 404, "NOT_FOUND", "The requested resource does not exist");
            return;
        }
        String token = SourceSimulator.bearer(ex);
        if (token == null || !(token.equals(sim.config().salesforceToken()) || sim.isIssued(token, TOKEN_PREFIX))) {
            error(ex, 401, "INVALID_SESSION_ID", "Session expired or invalid");
            return;
        }
        Population pop = sim.population();
        Matcher m = QUERY.matcher(path);
        Matcher more = MORE.matcher(path);
        String version;
        List<String> fields;
        int from;
        if (m.matches()) {
            version = m.group(1);
            String q = Http.query(ex.getRequestURI().getRawQuery()).get("q");
            Matcher soql = q == null ? null : SOQL.matcher(q);
            if (soql == null || !soql.matches()) {
                error(ex, 400, "MALFORMED_QUERY", "the simulator answers SELECT <fields> FROM Contact");
                return;
            }
            fields = new ArrayList<>();
            for (String f : soql.group(1).split(",")) {
                for (String known : FIELDS) {
                    if (known.equalsIgnoreCase(f.trim())) {
                        fields.add(known);
                    }
                }
            }
            from = 0;
        } else if (more.matches()) {
            version = more.group(1);
            if (Integer.parseInt(more.group(2)) != pop.epoch()) {
                error(ex, 400, "INVALID_QUERY_LOCATOR", "invalid query locator");
                return;
            }
            from = Integer.parseInt(more.group(3));
            fields = List.of(more.group(4).split("\\."));
        } else {
            error(ex, 404, "NOT_FOUND", "The requested resource does not exist");
            return;
        }
        Set<PersonStatus> all = Population.allStatuses();
        int total = pop.count(all);
        int batch = sim.config().salesforceBatchSize;
        String base = "/services/data/" + version;
        Http.json(ex, 200, g -> {
            g.writeStartObject();
            g.writeNumberField("totalSize", total);
            int i = pop.nextMatching(all, from);
            StringBuilder next = new StringBuilder();
            g.writeArrayFieldStart("records");
            for (int n = 0; n < batch && i >= 0; n++) {
                write(g, pop, pop.person(i), fields, base);
                i = pop.nextMatching(all, i + 1);
            }
            g.writeEndArray();
            g.writeBooleanField("done", i < 0);
            if (i >= 0) {
                next.append(base).append("/query/01gSIM-").append(pop.epoch()).append('-').append(i).append('-')
                        .append(String.join(".", fields));
                g.writeStringField("nextRecordsUrl", next.toString());
            }
            g.writeEndObject();
        });
    }

    /** The client-credentials flow; errors as Salesforce answers them (400 with an OAuth error). */
    private void token(HttpExchange ex) throws IOException {
        var c = sim.config();
        if (!"POST".equals(ex.getRequestMethod())) {
            Http.empty(ex, 405);
            return;
        }
        Map<String, String> form = Http.form(ex);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            oauthError(ex, "unsupported_grant_type", "grant type not supported");
        } else if (!c.salesforceClientId().equals(form.get("client_id"))) {
            oauthError(ex, "invalid_client_id", "client identifier invalid");
        } else if (!c.salesforceClientSecret().equals(form.get("client_secret"))) {
            oauthError(ex, "invalid_client", "invalid client credentials");
        } else {
            String token = sim.issueAccessToken(TOKEN_PREFIX);
            String id = sim.baseUrl() + "/id/00DSIM000000001/005SIM000000001";
            String issuedAt = Long.toString(System.currentTimeMillis());
            String signature = signature(c.salesforceClientSecret(), id + issuedAt);
            Http.json(ex, 200, g -> {
                g.writeStartObject();
                g.writeStringField("access_token", token);
                g.writeStringField("signature", signature);
                g.writeStringField("scope", "api");
                g.writeStringField("instance_url", sim.baseUrl());
                g.writeStringField("id", id);
                g.writeStringField("token_type", "Bearer");
                g.writeStringField("issued_at", issuedAt);
                g.writeEndObject();
            });
        }
    }

    /** Salesforce signs {@code id + issued_at} with HMAC-SHA256 keyed by the client secret, base64. */
    private static String signature(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static void oauthError(HttpExchange ex, String error, String description) throws IOException {
        Http.json(ex, 400, g -> {
            g.writeStartObject();
            g.writeStringField("error", error);
            g.writeStringField("error_description", description);
            g.writeEndObject();
        });
    }

    private static void write(JsonGenerator g, Population pop, Person p, List<String> fields, String base)
            throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("attributes");
        g.writeStringField("type", "Contact");
        g.writeStringField("url", base + "/sobjects/Contact/" + p.salesforceId());
        g.writeEndObject();
        for (String f : fields) {
            switch (f) {
                case "Id" -> g.writeStringField(f, p.salesforceId());
                case "FirstName" -> g.writeStringField(f, p.firstName());
                case "LastName" -> g.writeStringField(f, p.lastName());
                case "Name" -> g.writeStringField(f, p.displayName());
                case "Email" -> Http.nullableField(g, f, p.email());
                case "Title" -> g.writeStringField(f, p.title());
                case "Department" -> g.writeStringField(f, p.department());
                case "Phone" -> g.writeStringField(f, p.phone());
                case "MailingCity" -> g.writeStringField(f, p.city());
                case "MailingCountry" -> g.writeStringField(f, p.country());
                case "ReportsToId" -> Http.nullableField(g, f,
                        p.managerIndex() < 0 ? null : pop.salesforceIdOf(p.managerIndex()));
                case "Employee_Number__c" -> g.writeStringField(f, p.externalId());
                default -> {
                }
            }
        }
        g.writeEndObject();
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        Http.json(ex, status, g -> {
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("message", message);
            g.writeStringField("errorCode", code.toUpperCase(Locale.ROOT));
            g.writeEndObject();
            g.writeEndArray();
        });
    }
}
