package dev.roster.simulator;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

/**
 * Microsoft Graph: the client-credentials token endpoint {@code POST /{tenant}/oauth2/v2.0/token} and
 * {@code GET /v1.0/users/delta}. A full pass pages by {@code $skiptoken} to a {@code @odata.deltaLink}; the delta
 * link's {@code $deltatoken} embeds the population's change counter, so calling it returns the people changed
 * since ({@code @removed} for deleted ones). Tokens are opaque base64 of {@code kind|epoch|a|b|c|select}; an
 * unknown token, or one from before {@link Population#expireDeltaTokens()}, gives 410 Gone.
 */
final class GraphApi {

    static final List<String> PROPERTIES = List.of("id", "displayName", "givenName", "surname", "mail",
            "userPrincipalName", "jobTitle", "department", "officeLocation", "city", "country", "mobilePhone",
            "businessPhones", "employeeId", "employeeHireDate", "accountEnabled");
    private final SourceSimulator sim;

    GraphApi(SourceSimulator sim) {
        this.sim = sim;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        if (path.endsWith("/oauth2/v2.0/token")) {
            token(ex, path);
        } else if (path.equals("/v1.0/users/delta")) {
            if (!sim.isIssued(SourceSimulator.bearer(ex))) {
                error(ex, 401, "InvalidAuthenticationToken", "Access token is empty, invalid or expired.");
                return;
            }
            delta(ex);
        } else {
            error(ex, 404, "Request_ResourceNotFound", "Resource " + path + " does not exist in the simulator.");
        }
    }

    private void token(HttpExchange ex, String path) throws IOException {
        var c = sim.config();
        String tenant = path.substring(1, path.indexOf('/', 1));
        if (!"POST".equals(ex.getRequestMethod())) {
            Http.empty(ex, 405);
            return;
        }
        Map<String, String> form = Http.form(ex);
        if (!tenant.equals(c.graphTenant())) {
            oauthError(ex, 400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found.");
        } else if (!"client_credentials".equals(form.get("grant_type"))) {
            oauthError(ex, 400, "unsupported_grant_type", "AADSTS70003: grant_type must be client_credentials.");
        } else if (!c.graphClientId().equals(form.get("client_id"))
                || !c.graphClientSecret().equals(form.get("client_secret"))) {
            oauthError(ex, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        } else {
            String token = sim.issueAccessToken("sim-graph");
            Http.json(ex, 200, g -> {
                g.writeStartObject();
                g.writeStringField("token_type", "Bearer");
                g.writeNumberField("expires_in", 3599);
                g.writeNumberField("ext_expires_in", 3599);
                g.writeStringField("access_token", token);
                g.writeEndObject();
            });
        }
    }

    private void delta(HttpExchange ex) throws IOException {
        Map<String, String> q = Http.query(ex.getRequestURI().getRawQuery());
        Population pop = sim.population();
        int pageSize = pageSize(ex);
        String skip = q.get("$skiptoken");
        String deltaToken = q.get("$deltatoken");
        String[] t;
        if (skip != null) {
            t = decode(skip);
        } else if (deltaToken != null) {
            t = decode(deltaToken);
            if (t != null && !"L".equals(t[0])) {
                t = null;
            } else if (t != null) {
                t = new String[]{"D", t[1], t[2], String.valueOf(pop.changeCount()), "0", t[5]};
            }
        } else {
            String select = q.getOrDefault("$select", "");
            t = new String[]{"F", String.valueOf(pop.epoch()), String.valueOf(pop.changeCount()), "0", "0", select};
        }
        int epoch;
        int a;
        int b;
        int c;
        try {
            if (t == null) {
                throw new IllegalArgumentException();
            }
            epoch = Integer.parseInt(t[1]);
            a = Integer.parseInt(t[2]);
            b = Integer.parseInt(t[3]);
            c = Integer.parseInt(t[4]);
        } catch (RuntimeException e) {
            gone(ex);
            return;
        }
        if (epoch != pop.epoch() || a > pop.changeCount() || ("D".equals(t[0]) && b > pop.changeCount())) {
            gone(ex);
            return;
        }
        Set<String> select = select(t[5]);
        String selectRaw = t[5];
        String context = sim.baseUrl() + "/v1.0/$metadata#users(" + String.join(",", select) + ")";
        if ("F".equals(t[0])) {
            int seq = a; // the change counter when the full pass began: later changes are replayed
            Set<PersonStatus> all = Population.allStatuses();
            Http.json(ex, 200, g -> {
                g.writeStartObject();
                g.writeStringField("@odata.context", context);
                int i = pop.nextMatching(all, b);
                int n = 0;
                g.writeArrayFieldStart("value");
                for (; n < pageSize && i >= 0; n++) {
                    user(g, pop, pop.person(i), select);
                    i = pop.nextMatching(all, i + 1);
                }
                g.writeEndArray();
                if (i >= 0) {
                    g.writeStringField("@odata.nextLink", link("$skiptoken", "F", epoch, seq, i, 0, selectRaw));
                } else {
                    g.writeStringField("@odata.deltaLink", link("$deltatoken", "L", epoch, seq, 0, 0, selectRaw));
                }
                g.writeEndObject();
            });
        } else if ("D".equals(t[0])) {
            int[] changed = pop.changedBetween(a, b);
            Http.json(ex, 200, g -> {
                g.writeStartObject();
                g.writeStringField("@odata.context", context);
                g.writeArrayFieldStart("value");
                int end = Math.min(changed.length, c + pageSize);
                for (int k = c; k < end; k++) {
                    int i = changed[k];
                    if (pop.isDeleted(i)) {
                        g.writeStartObject();
                        g.writeStringField("id", pop.idOf(i));
                        g.writeObjectFieldStart("@removed");
                        g.writeStringField("reason", pop.isSoftDeleted(i) ? "changed" : "deleted");
                        g.writeEndObject();
                        g.writeEndObject();
                    } else {
                        user(g, pop, pop.person(i), select);
                    }
                }
                g.writeEndArray();
                if (end < changed.length) {
                    g.writeStringField("@odata.nextLink", link("$skiptoken", "D", epoch, a, b, end, selectRaw));
                } else {
                    g.writeStringField("@odata.deltaLink", link("$deltatoken", "L", epoch, b, 0, 0, selectRaw));
                }
                g.writeEndObject();
            });
        } else {
            gone(ex);
        }
    }

    private int pageSize(HttpExchange ex) {
        String prefer = ex.getRequestHeaders().getFirst("Prefer");
        if (prefer != null) {
            for (String p : prefer.split(",")) {
                String s = p.trim();
                if (s.startsWith("odata.maxpagesize=")) {
                    try {
                        return Math.max(1, Math.min(999, Integer.parseInt(s.substring(18).trim())));
                    } catch (NumberFormatException e) {
                        // ignored, as Graph does
                    }
                }
            }
        }
        return sim.config().graphPageSize;
    }

    private static Set<String> select(String raw) {
        Set<String> out = new LinkedHashSet<>();
        out.add("id");
        if (raw == null || raw.isBlank()) {
            out.addAll(PROPERTIES);
            return out;
        }
        for (String s : raw.split(",")) {
            for (String p : PROPERTIES) {
                if (p.equalsIgnoreCase(s.trim())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static void user(JsonGenerator g, Population pop, Person p, Set<String> select) throws IOException {
        g.writeStartObject();
        for (String prop : select) {
            switch (prop) {
                case "id" -> g.writeStringField("id", p.id());
                case "displayName" -> g.writeStringField(prop, p.displayName());
                case "givenName" -> g.writeStringField(prop, p.firstName());
                case "surname" -> g.writeStringField(prop, p.lastName());
                case "mail" -> Http.nullableField(g, prop, p.email());
                case "userPrincipalName" -> g.writeStringField(prop, p.userPrincipalName());
                case "jobTitle" -> g.writeStringField(prop, p.title());
                case "department" -> g.writeStringField(prop, p.department());
                case "officeLocation" -> g.writeStringField(prop, p.office());
                case "city" -> g.writeStringField(prop, p.city());
                case "country" -> g.writeStringField(prop, p.country());
                case "mobilePhone" -> g.writeNullField(prop);
                case "businessPhones" -> {
                    g.writeArrayFieldStart(prop);
                    g.writeString(p.phone());
                    g.writeEndArray();
                }
                case "employeeId" -> g.writeStringField(prop, p.externalId());
                case "employeeHireDate" -> g.writeStringField(prop,
                        p.hireDate().length() == 10 ? p.hireDate() + "T00:00:00Z" : p.hireDate());
                case "accountEnabled" -> g.writeBooleanField(prop, p.active());
                default -> {
                }
            }
        }
        g.writeEndObject();
    }

    private String link(String param, String kind, int epoch, int a, int b, int c, String select) {
        String raw = kind + "|" + epoch + "|" + a + "|" + b + "|" + c + "|" + select;
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        return sim.baseUrl() + "/v1.0/users/delta?" + URLEncoder.encode(param, StandardCharsets.UTF_8) + "=" + token;
    }

    private static String[] decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", -1);
            return parts.length == 6 ? parts : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void gone(HttpExchange ex) throws IOException {
        error(ex, 410, "syncStateNotFound",
                "The delta token is expired or invalid. Restart the sync without a delta token.");
    }

    static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        Http.json(ex, status, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeObjectFieldStart("innerError");
            g.writeStringField("request-id", java.util.UUID.randomUUID().toString());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void oauthError(HttpExchange ex, int status, String error, String description)
            throws IOException {
        Http.json(ex, status, g -> {
            g.writeStartObject();
            g.writeStringField("error", error);
            g.writeStringField("error_description", description);
            g.writeEndObject();
        });
    }
}
