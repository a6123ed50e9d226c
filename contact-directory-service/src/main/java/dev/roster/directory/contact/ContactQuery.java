package dev.roster.directory.contact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.roster.commons.problem.ProblemException;
import dev.roster.directory.contact.ContactFields.Type;

/**
 * Which contacts of a tenant, in which order: filters, a search on name and email, an integration they come
 * from, and a sort field (ascending, or descending with a leading '-'), ties broken by id.
 */
public record ContactQuery(String tenant, List<ContactFilter> filters, String search, UUID sourceIntegration,
        String sortField, Type sortType, boolean descending) {

    /**
     * Reads the {@code sort} parameter; a field of the schema, optionally with a leading '-'. Text and dates
     * sort as text (absent first), numbers as numbers (absent first).
     */
    public static ContactQuery of(String tenant, List<ContactFilter> filters, String search, UUID source, String sort,
            Function<String, Type> types) {
        String field = sort == null || sort.isBlank() ? "lastName" : sort.strip();
        boolean descending = field.startsWith("-");
        if (descending) {
            field = field.substring(1);
        }
        Type type = types.apply(field);
        if (type == null) {
            throw ProblemException.invalidField("sort", "names no field of the contact schema: " + field);
        }
        return new ContactQuery(tenant, filters, search == null || search.isBlank() ? null : search.strip(), source,
                field, type, descending);
    }

    String sortKey() {
        if (sortType == Type.NUMBER) {
            return "COALESCE(" + ContactFilter.number(sortField) + ", '-Infinity'::numeric)";
        }
        return "COALESCE(c.fields ->> '" + sortField + "', '')";
    }

    /** The WHERE clause, and its bind values in order, after an optional keyset position. */
    String where(Cursor after, List<Object> binds) {
        List<String> conditions = new ArrayList<>();
        conditions.add("c.tenant_id = ?");
        binds.add(tenant);
        for (ContactFilter filter : filters) {
            conditions.add(filter.sql());
            if (filter.bind() != null) {
                binds.add(filter.bind());
            }
        }
        if (search != null) {
            conditions.add("(c.fields ->> 'firstName' ILIKE ? OR c.fields ->> 'lastName' ILIKE ?"
                    + " OR c.fields ->> 'displayName' ILIKE ? OR c.fields ->> 'email' ILIKE ?)");
            String like = "%" + ContactFilter.escapeLike(search) + "%";
            for (int i = 0; i < 4; i++) {
                binds.add(like);
            }
        }
        if (sourceIntegration != null) {
            conditions.add("EXISTS (SELECT 1 FROM contact_link l WHERE l.contact_id = c.contact_id"
                    + " AND l.integration_id = ?)");
            binds.add(sourceIntegration);
        }
        if (after != null) {
            conditions.add("(" + sortKey() + ", c.contact_id) " + (descending ? "<" : ">")
                    + (sortType == Type.NUMBER ? " (?::numeric, ?)" : " (?, ?)"));
            binds.add(after.key());
            binds.add(after.id());
        }
        return String.join(" AND ", conditions);
    }

    /**
     * The condition on contacts (table alias {@code c}) this query selects, its bind values appended in order:
     * for statements of other parts of the directory that select contacts with it (adding a list's members).
     */
    public String condition(List<Object> binds) {
        return where(null, binds);
    }

    String orderBy() {
        String direction = descending ? " DESC" : "";
        return sortKey() + direction + ", c.contact_id" + direction;
    }

    String sortSpec() {
        return (descending ? "-" : "") + sortField;
    }

    /** A position in the sorted list, as an opaque string for clients; valid only with the same sort. */
    public record Cursor(String sort, String key, UUID id) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((sort + "\n" + key + "\n" + id).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String cursor, ContactQuery query) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n",
                        -1);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("three parts expected");
                }
                if (!parts[0].equals(query.sortSpec())) {
                    throw ProblemException.invalidField("cursor", "belongs to another sort than " + query.sortSpec());
                }
                return new Cursor(parts[0], parts[1], UUID.fromString(parts[2]));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
            }
        }
    }
}
