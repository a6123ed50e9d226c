package dev.roster.simulator;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

/** Staffbase {@code GET /api/users}: Basic API token, {@code limit}/{@code offset}, {@code status} filter. */
final class StaffbaseApi {

    private final SourceSimulator sim;

    StaffbaseApi(SourceSimulator sim) {
        this.sim = sim;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.equals("Basic " + sim.config().staffbaseToken())) {
            Http.json(ex, 401, g -> {
                g.writeStartObject();
                g.writeNumberField("errorCode", 401);
                g.writeStringField("message", "Unauthorized: missing or invalid API token");
                g.writeEndObject();
            });
            return;
        }
        if (!path.equals("/api/users") && !path.equals("/api/users/")) {
            Http.empty(ex, 404);
            return;
        }
        if (!"GET".equals(ex.getRequestMethod())) {
            Http.empty(ex, 405);
            return;
        }
        Map<String, String> q = Http.query(ex.getRequestURI().getRawQuery());
        int limit = Http.intParam(q, "limit", 100);
        int offset = Http.intParam(q, "offset", 0);
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw new Http.BadRequest("limit must be 1..1000 and offset >= 0");
        }
        EnumSet<PersonStatus> statuses = EnumSet.noneOf(PersonStatus.class);
        for (String s : q.getOrDefault("status", "activated").split(",")) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            switch (t) {
                case "activated" -> statuses.add(PersonStatus.ACTIVATED);
                case "pending" -> statuses.add(PersonStatus.PENDING);
                case "deactivated" -> statuses.add(PersonStatus.DEACTIVATED);
                case "deleted", "contact" -> {
                    // known to newer models; the simulator has none of them
                }
                default -> throw new Http.BadRequest("unknown status " + t);
            }
        }
        Population pop = sim.population();
        int total = pop.count(statuses);
        int first = pop.nth(statuses, offset);
        Http.json(ex, 200, g -> {
            g.writeStartObject();
            g.writeNumberField("total", total);
            g.writeNumberField("limit", limit);
            g.writeNumberField("offset", offset);
            g.writeArrayFieldStart("data");
            int i = first;
            for (int n = 0; n < limit && i >= 0; n++) {
                write(g, pop.person(i));
                i = pop.nextMatching(statuses, i + 1);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static void write(JsonGenerator g, Person p) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", p.staffbaseId());
        g.writeStringField("externalID", p.externalId());
        g.writeStringField("firstName", p.firstName());
        g.writeStringField("lastName", p.lastName());
        Http.nullableField(g, "publicEmailAddress", p.email());
        g.writeArrayFieldStart("emails");
        if (p.email() != null) {
            g.writeStartObject();
            g.writeStringField("value", p.email());
            g.writeBooleanField("primary", true);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("position", p.title());
        g.writeStringField("department", p.department());
        g.writeStringField("location", p.office());
        g.writeStringField("phoneNumber", p.phone());
        g.writeStringField("status", p.status().wire());
        g.writeObjectFieldStart("profile");
        g.writeStringField("hireDate", p.hireDate());
        g.writeStringField("city", p.city());
        g.writeStringField("country", p.country());
        g.writeEndObject();
        g.writeEndObject();
    }
}
