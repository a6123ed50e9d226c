package dev.roster.directory.contact;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.ContactDeleted;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.commons.problem.ProblemException;
import dev.roster.directory.contact.ContactQuery.Cursor;
import dev.roster.directory.schema.TenantSchemas;

/** Reads a tenant's contacts a keyset page at a time, streams them as CSV, and deletes one locally. */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class ContactService {

    private static final TypeReference<TreeMap<String, String>> FIELDS = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    @Inject
    Event<ContactsRemoved> removals;

    @Inject
    TenantSchemas schemas;

    public record Page(List<Contact> items, String nextCursor, Long total) {
    }

    /**
     * A further condition on the contacts (table alias {@code c}) besides the query's, with its bind values:
     * the members of a static list, say. Written by the directory's own code, never from request input.
     */
    public record Within(String condition, List<Object> binds) {

        static final Within ALL = new Within("TRUE", List.of());
    }

    public Page list(ContactQuery query, String cursor, int limit, boolean withTotal) {
        return list(query, Within.ALL, cursor, limit, withTotal);
    }

    /** A page of the contacts the query selects that also meet {@code within}. */
    public Page list(ContactQuery query, Within within, String cursor, int limit, boolean withTotal) {
        Cursor after = Cursor.decode(cursor, query);
        List<Object> binds = new ArrayList<>();
        String sql = "SELECT c.contact_id, c.unique_id, c.fields::text, c.created_at, c.updated_at, " + query.sortKey()
                + " FROM contact c WHERE " + query.where(after, binds) + " AND " + within.condition() + " ORDER BY "
                + query.orderBy() + " LIMIT ?";
        binds.addAll(within.binds());
        binds.add(limit + 1);
        List<Contact> items = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, binds);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(contact(r));
                    keys.add(r.getString(6));
                }
            }
            withSources(c, items);
            String next = null;
            if (items.size() > limit) {
                items = items.subList(0, limit);
                next = new Cursor(query.sortSpec(), keys.get(limit - 1), items.get(limit - 1).id()).encode();
            }
            return new Page(List.copyOf(items), next, withTotal ? count(c, query, within) : null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Contact get(String tenant, UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT contact_id, unique_id, fields::text, created_at, updated_at FROM contact"
                                + " WHERE tenant_id = ? AND contact_id = ?")) {
            s.setString(1, tenant);
            s.setObject(2, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ProblemException.notFound("contact", id);
                }
                List<Contact> one = new ArrayList<>(List.of(contact(r)));
                withSources(c, one);
                return one.get(0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes the contact in Roster only, records who did, and announces it. A source that still has the person
     * brings the contact back with its next sync.
     */
    @Transactional(TxType.REQUIRED)
    public void delete(String tenant, UUID id, String deletedBy) {
        try (Connection c = dataSource.getConnection()) {
            String uniqueId;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT unique_id FROM contact WHERE tenant_id = ? AND contact_id = ? FOR UPDATE")) {
                s.setString(1, tenant);
                s.setObject(2, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ProblemException.notFound("contact", id);
                    }
                    uniqueId = r.getString(1);
                }
            }
            removals.fire(new ContactsRemoved(c, tenant, List.of(id), false));
            try (PreparedStatement s = c.prepareStatement("DELETE FROM contact WHERE contact_id = ?")) {
                s.setObject(1, id);
                s.executeUpdate();
            }
            try (PreparedStatement record = c.prepareStatement("INSERT INTO contact_deletion"
                    + " (contact_id, tenant_id, unique_id, deleted_by, deleted_at) VALUES (?, ?, ?, ?, now())")) {
                record.setObject(1, id);
                record.setString(2, tenant);
                record.setString(3, uniqueId);
                record.setString(4, deletedBy);
                record.executeUpdate();
            }
            String key = id.toString();
            outbox.publish(Topics.CONTACT_EVENTS, key, codec.envelope("/roster/contact-directory-service",
                    EventTypes.CONTACT_DELETED, key, tenant, new ContactDeleted(id, uniqueId)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Streams every contact the query selects as CSV rows (system fields A to Z, then the tenant's custom
     * fields), from a server-side cursor a thousand rows at a time:
     * the set is never held in memory.
     */
    public void export(ContactQuery query, OutputStream out) {
        List<Object> binds = new ArrayList<>();
        String sql = "SELECT c.contact_id, c.unique_id, c.fields::text, c.created_at, c.updated_at FROM contact c"
                + " WHERE " + query.where(null, binds) + " ORDER BY " + query.orderBy();
        List<String> columns = new ArrayList<>(ContactFields.SYSTEM.keySet().stream().sorted().toList());
        columns.addAll(schemas.customFields(query.tenant()).keySet());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(1_000);
                bind(s, binds);
                write(out, "id,uniqueId," + String.join(",", columns));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Contact contact = contact(r);
                        StringBuilder row = new StringBuilder(contact.id().toString()).append(',')
                                .append(csv(contact.uniqueId()));
                        columns.forEach(f -> row.append(',').append(csv(contact.fields().get(f))));
                        write(out, row.toString());
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(OutputStream out, String line) {
        try {
            out.write((line + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV value (RFC 4180): quoted when it holds a comma, quote or line break; a leading formula sign is defused. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private long count(Connection c, ContactQuery query, Within within) throws SQLException {
        List<Object> binds = new ArrayList<>();
        String where = query.where(null, binds) + " AND " + within.condition();
        binds.addAll(within.binds());
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM contact c WHERE " + where)) {
            bind(s, binds);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private void withSources(Connection c, List<Contact> contacts) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        Map<UUID, List<Contact.Source>> sources = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT contact_id, integration_id, source_id FROM contact_link"
                + " WHERE contact_id = ANY(?) ORDER BY integration_id")) {
            s.setArray(1, c.createArrayOf("uuid", contacts.stream().map(Contact::id).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sources.computeIfAbsent(r.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Contact.Source(r.getObject(2, UUID.class), r.getString(3)));
                }
            }
        }
        contacts.replaceAll(contact -> new Contact(contact.id(), contact.uniqueId(), contact.fields(),
                List.copyOf(sources.getOrDefault(contact.id(), List.of())), contact.createdAt(), contact.updatedAt()));
    }

    private Contact contact(ResultSet r) throws SQLException {
        try {
            return new Contact(r.getObject(1, UUID.class), r.getString(2), json.readValue(r.getString(3), FIELDS),
                    List.of(), r.getObject(4, java.time.OffsetDateTime.class),
                    r.getObject(5, java.time.OffsetDateTime.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement s, List<Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            s.setObject(i + 1, binds.get(i));
        }
    }
}
