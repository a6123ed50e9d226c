package dev.roster.simulator;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

/**
 * SCIM 2.0 {@code GET /scim/v2/Users}: Bearer token, 1-based {@code startIndex}/{@code count}, ListResponse, every
 * existing user (inactive ones with {@code active} false). Every 5th user carries {@code active} as a string
 * ({@code "True"}/{@code "False"}), as some real servers do.
 */
final class ScimApi {

    static final String SCIM_JSON = "application/scim+json; charset=utf-8";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private final SourceSimulator sim;

    ScimApi(SourceSimulator sim) {
        this.sim = sim;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        String token = SourceSimulator.bearer(ex);
        if (token == null || !token.equals(sim.config().scimToken())) {
            error(ex, 401, "Authorization failure: missing or invalid bearer token");
            return;
        }
        if (!path.equals("/scim/v2/Users")) {
            error(ex, 404, "Resource " + path + " not found");
            return;
        }
        Map<String, String> q = Http.query(ex.getRequestURI().getRawQuery());
        int startIndex;
        int count;
        try {
            startIndex = Math.max(1, Http.intParam(q, "startIndex", 1));
            count = Math.min(1000, Math.max(0, Http.intParam(q, "count", 100)));
        } catch (Http.BadRequest e) {
            error(ex, 400, e.getMessage());
            return;
        }
        if (q.containsKey("filter")) {
            error(ex, 400, "filter is not supported by the simulator");
            return;
        }
        Population pop = sim.population();
        Set<PersonStatus> all = Population.allStatuses();
        int total = pop.count(all);
        int first = pop.nth(all, startIndex - 1);
        int items = Math.max(0, Math.min(count, total - (startIndex - 1)));
        Http.json(ex, 200, SCIM_JSON, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("schemas");
            g.writeString("urn:ietf:params:scim:api:messages:2.0:ListResponse");
            g.writeEndArray();
            g.writeNumberField("totalResults", total);
            g.writeNumberField("itemsPerPage", items);
            g.writeNumberField("startIndex", startIndex);
            g.writeArrayFieldStart("Resources");
            int i = first;
            for (int n = 0; n < items && i >= 0; n++) {
                write(g, pop, pop.person(i), sim.baseUrl());
                i = pop.nextMatching(all, i + 1);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void write(JsonGenerator g, Population pop, Person p, String base) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("schemas");
        g.writeString("urn:ietf:params:scim:schemas:core:2.0:User");
        g.writeString(ENTERPRISE);
        g.writeEndArray();
        g.writeStringField("id", p.id());
        g.writeStringField("externalId", p.externalId());
        g.writeStringField("userName", p.userPrincipalName());
        g.writeObjectFieldStart("name");
        g.writeStringField("givenName", p.firstName());
        g.writeStringField("familyName", p.lastName());
        g.writeStringField("formatted", p.displayName());
        g.writeEndObject();
        g.writeStringField("displayName", p.displayName());
        if (p.email() != null) {
            g.writeArrayFieldStart("emails");
            g.writeStartObject();
            g.writeStringField("value", p.email());
            g.writeStringField("type", "work");
            g.writeBooleanField("primary", true);
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeArrayFieldStart("phoneNumbers");
        g.writeStartObject();
        g.writeStringField("value", p.phone());
        g.writeStringField("type", "work");
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("title", p.title());
        if (p.index() % 5 == 0) {
            g.writeStringField("active", p.active() ? "True" : "False");
        } else {
            g.writeBooleanField("active", p.active());
        }
        g.writeObjectFieldStart(ENTERPRISE);
        g.writeStringField("employeeNumber", p.externalId());
        g.writeStringField("department", p.department());
        if (p.managerIndex() >= 0) {
            g.writeObjectFieldStart("manager");
            g.writeStringField("value", pop.idOf(p.managerIndex()));
            g.writeStringField("$ref", base + "/scim/v2/Users/" + pop.idOf(p.managerIndex()));
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("meta");
        g.writeStringField("resourceType", "User");
        g.writeStringField("location", base + "/scim/v2/Users/" + p.id());
        g.writeStringField("version", "W/\"" + p.version() + "\"");
        g.writeEndObject();
        g.writeEndObject();
    }

    static void error(HttpExchange ex, int status, String detail) throws IOException {
        Http.json(ex, status, SCIM_JSON, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("schemas");
            g.writeString("urn:ietf:params:scim:api:messages:2.0:Error");
            g.writeEndArray();
            g.writeStringField("status", String.valueOf(status));
            g.writeStringField("detail", detail);
            g.writeEndObject();
        });
    }
}
