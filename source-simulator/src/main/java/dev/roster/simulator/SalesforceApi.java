package dev.roster.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

/**
 * Salesforce REST {@code GET /services/data/vNN.N/query?q=SELECT ... FROM Contact}, Bearer token, batches of up
 * to 2,000 records followed by {@code nextRecordsUrl} until {@code done}. Only the SELECT list's known fields are
 * returned; every existing person is a Contact.
 */
final class SalesforceApi {

    private static final Pattern QUERY = Pattern.compile("/services/data/(v\\d+\\.\\d+)/query/?");
    private static final Pattern MORE = Pattern
            .compile("/services/data/(v\\d+\\.\\d+)/query/01gSIM-(\\d+)-(\\d+)-(.*)");
    private static final Pattern SOQL = Pattern.compile("(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+Contact\\b.*");
    private static final List<String> FIELDS = List.of("Id", "FirstName", "LastName", "Name", "Email", "Title",
            "Department", "Phone", "MailingCity", "MailingCountry", "ReportsToId", "Employee_Number__c");
    private final SourceSimulator sim;

    SalesforceApi(SourceSimulator sim) {
        this.sim = sim;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        String token = SourceSimulator.bearer(ex);
        if (token == null || !token.equals(sim.config().salesforceToken())) {
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
