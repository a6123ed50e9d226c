package dev.roster.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

/**
 * Workday Report as a Service: {@code GET /ccx/service/customreport2/{tenant}/{owner}/{report}?format=json} with
 * Basic auth of the integration system user. One response {@code {"Report_Entry": [...]}} of every
 * non-terminated worker (activated and pending), streamed; no paging, as in Workday.
 */
final class WorkdayApi {

    private final SourceSimulator sim;

    WorkdayApi(SourceSimulator sim) {
        this.sim = sim;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        var c = sim.config();
        String prefix = "/ccx/service/customreport2/" + c.workdayTenant() + "/";
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((c.workdayUser() + ":" + c.workdayPassword()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
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
                write(g, pop, pop.person(i));
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void write(JsonGenerator g, Population pop, Person p) throws IOException {
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
}
