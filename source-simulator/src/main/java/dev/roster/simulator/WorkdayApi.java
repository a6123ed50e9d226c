package dev.roster.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

/**
 * Workday, both ways an integration reads workers:
 * <ul>
 * <li>Report as a Service: {@code GET /ccx/service/customreport2/{tenant}/{owner}/{report}?format=json} with Basic
 * auth of the integration system user. One response {@code {"Report_Entry": [...]}} of every non-terminated worker
 * (activated and pending), streamed; no paging, as in Workday.</li>
 * <li>REST: the token endpoint {@code POST /ccx/oauth2/{tenant}/token} (refresh-token grant; the API client
 * authenticated by HTTP Basic {@code client_id:client_secret} or by {@code client_id}/{@code client_secret} form
 * fields), then {@code GET /ccx/api/staffing/v6/{tenant}/workers?limit&offset} with the Bearer token issued:
 * {@code {"total", "data"}}, {@code limit} default 20, at most 100 (more is a 400, as in Workday). Only
 * non-terminated workers are listed, so a deactivated or deleted person is simply absent.</li>
 * </ul>
 */
final class WorkdayApi {

    static final String TOKEN_PREFIX = "sim-workday";
    private static final String REST = "/ccx/api/staffing/v6/";
    private static final String OAUTH = "/ccx/oauth2/";

    private final SourceSimulator sim;

    WorkdayApi(SourceSimulator sim) {
        this.sim = sim;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        if (path.startsWith(OAUTH)) {
            token(ex, path);
        } else if (path.startsWith(REST)) {
            workers(ex, path);
        } else {
            report(ex, path);
        }
    }

    // ------------------------------------------------------------------ RaaS

    private void report(HttpExchange ex, String path) throws IOException {
        var c = sim.config();
        String prefix = "/ccx/service/customreport2/" + c.workdayTenant() + "/";
        if (!basic(c.workdayUser(), c.workdayPassword()).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Workday\"");
            Http.json(ex, 401, g -> {
                g.writeStartObject();
                g.writeStringField("error", "Invalid user name or password");
                g.writeEndObject();
            });
            return;
        }
        if (!path.startsWith(prefix) || path.substring(prefix.length()).split("/").length != 2) {
            Http.json(ex, 404, g -> {
                g.writeStartObject();
                g.writeStringField("error", "Report not found");
                g.writeEndObject();
            });
            return;
        }
        Map<String, String> q = Http.query(ex.getRequestURI().getRawQuery());
        if (!"json".equalsIgnoreCase(q.get("format"))) {
            throw new Http.BadRequest("the simulator serves format=json only");
        }
        Population pop = sim.population();
        var statuses = Population.importable();
        Http.json(ex, 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Report_Entry");
            for (int i = pop.nextMatching(statuses, 0); i >= 0; i = pop.nextMatching(statuses, i + 1)) {
                reportEntry(g, pop.person(i));
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void reportEntry(JsonGenerator g, Person p) throws IOException {
        g.writeStartObject();
        g.writeStringField("Employee_ID", p.externalId());
        g.writeStringField("Worker", p.displayName());
        g.writeStringField("Legal_Name_First_Name", p.firstName());
        g.writeStringField("Legal_Name_Last_Name", p.lastName());
        if (p.email() != null) {
            g.writeStringField("Email_Address_Work", p.email());
        }
        g.writeStringField("Business_Title", p.title());
        g.writeStringField("Supervisory_Organization", p.department());
        g.writeStringField("Location", p.office());
        g.writeStringField("Phone_Work", p.phone());
        g.writeStringField("Hire_Date", p.hireDate());
        if (p.managerIndex() >= 0) {
            g.writeStringField("Manager_Employee_ID", Population.externalIdOf(p.managerIndex()));
        }
        g.writeEndObject();
    }

    // ------------------------------------------------------------ REST token

    private void token(HttpExchange ex, String path) throws IOException {
        var c = sim.config();
        if (!path.equals(OAUTH + c.workdayTenant() + "/token")) {
            oauthError(ex, 404, "invalid_request", "no such tenant or endpoint");
            return;
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            Http.empty(ex, 405);
            return;
        }
        Map<String, String> form = Http.form(ex);
        String clientId = form.get("client_id");
        String clientSecret = form.get("client_secret");
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decodeBasic(auth.substring(6).trim());
            clientId = pair[0];
            clientSecret = pair[1];
        }
        if (!c.workdayClientId().equals(clientId) || !c.workdayClientSecret().equals(clientSecret)) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Workday\"");
            oauthError(ex, 401, "invalid_client", "client authentication failed");
        } else if (!"refresh_token".equals(form.get("grant_type"))) {
            oauthError(ex, 400, "unsupported_grant_type", "the simulator grants refresh_token only");
        } else if (!c.workdayRefreshToken().equals(form.get("refresh_token"))) {
            oauthError(ex, 400, "invalid_grant", "invalid refresh token");
        } else {
            String token = sim.issueAccessToken(TOKEN_PREFIX);
            int expiresIn = c.workdayTokenSeconds;
            Http.json(ex, 200, g -> {
                g.writeStartObject();
                g.writeStringField("access_token", token);
                g.writeStringField("token_type", "Bearer");
                g.writeNumberField("expires_in", expiresIn);
                g.writeEndObject();
            });
        }
    }

    // ---------------------------------------------------------- REST workers

    private void workers(HttpExchange ex, String path) throws IOException {
        var c = sim.config();
        if (!sim.isIssued(SourceSimulator.bearer(ex), TOKEN_PREFIX)) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"Workday\"");
            restError(ex, 401, "invalid access token", null);
            return;
        }
        String workers = REST + c.workdayTenant() + "/workers";
        if (!path.equals(workers) && !path.equals(workers + "/")) {
            restError(ex, 404, "resource not found", null);
            return;
        }
        if (!"GET".equals(ex.getRequestMethod())) {
            Http.empty(ex, 405);
            return;
        }
        Map<String, String> q = Http.query(ex.getRequestURI().getRawQuery());
        int limit;
        int offset;
        try {
            limit = Http.intParam(q, "limit", 20);
            offset = Http.intParam(q, "offset", 0);
        } catch (Http.BadRequest e) {
            restError(ex, 400, "invalid request", e.getMessage());
            return;
        }
        if (limit < 1 || limit > 100) {
            restError(ex, 400, "invalid request", "limit must be between 1 and 100");
            return;
        }
        if (offset < 0) {
            restError(ex, 400, "invalid request", "offset must not be negative");
            return;
        }
        Population pop = sim.population();
        Set<PersonStatus> listed = Population.importable();
        int total = pop.count(listed);
        int first = pop.nth(listed, offset);
        String href = sim.baseUrl() + workers + "/";
        Http.json(ex, 200, g -> {
            g.writeStartObject();
            g.writeNumberField("total", total);
            g.writeArrayFieldStart("data");
            int i = first;
            for (int n = 0; n < limit && i >= 0; n++) {
                worker(g, pop, pop.person(i), href);
                i = pop.nextMatching(listed, i + 1);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void worker(JsonGenerator g, Population pop, Person p, String href) throws IOException {
        String id = workdayIdOf(pop, p.index());
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("descriptor", p.displayName());
        g.writeStringField("href", href + id);
        g.writeStringField("businessTitle", p.title());
        if (p.email() != null) {
            g.writeStringField("primaryWorkEmail", p.email());
        }
        g.writeStringField("primaryWorkPhone", p.phone());
        g.writeBooleanField("isManager", 7L * p.index() + 1 < pop.size());
        g.writeObjectFieldStart("primarySupervisoryOrganization");
        g.writeStringField("descriptor", p.department());
        g.writeStringField("id", hex("org:" + p.department()));
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A Workday ID: 32 hex digits (person {@code i}'s UUID without its dashes). */
    static String workdayIdOf(Population pop, int i) {
        return pop.idOf(i).replace("-", "");
    }

    private static String hex(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    // ---------------------------------------------------------------- helpers

    static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0
                    ? new String[]{pair, null}
                    : new String[]{pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return new String[]{null, null};
        }
    }

    private static void oauthError(HttpExchange ex, int status, String error, String description) throws IOException {
        Http.json(ex, status, g -> {
            g.writeStartObject();
            g.writeStringField("error", error);
            g.writeStringField("error_description", description);
            g.writeEndObject();
        });
    }

    /** Workday REST errors: {@code {"error": "...", "errors": [{"error": "...", "field": "..."}]}}. */
    private static void restError(HttpExchange ex, int status, String error, String detail) throws IOException {
        Http.json(ex, status, g -> {
            g.writeStartObject();
            g.writeStringField("error", error);
            if (detail != null) {
                g.writeArrayFieldStart("errors");
                g.writeStartObject();
                g.writeStringField("error", detail);
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }
}
