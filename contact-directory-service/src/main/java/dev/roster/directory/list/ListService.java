package dev.roster.directory.list;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.ContactRemovedFromList.Reason;
import dev.roster.commons.problem.ProblemException;
import dev.roster.directory.config.ListsConfig;
import dev.roster.directory.contact.ContactQueries;
import dev.roster.directory.contact.ContactQuery;
import dev.roster.directory.contact.ContactService;
import dev.roster.directory.contact.ContactService.Within;
import dev.roster.directory.list.DistributionList.Type;

/**
 * A tenant's distribution lists: their definitions, the members of static lists (changed by contact ids or by a
 * selection taken once) and the resolution of dynamic lists at read time. Every real membership change of a
 * static list is announced through the outbox in the transaction that makes it.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRED)
public class ListService {

    private static final String COLUMNS = "list_id, tenant_id, name, description, list_type, filter::text,"
            + " created_by, created_at, updated_at, version";
    private static final String MEMBER_OF = "EXISTS (SELECT 1 FROM list_member m WHERE m.list_id = ?"
            + " AND m.contact_id = c.contact_id)";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    ContactQueries queries;

    @Inject
    ContactService contacts;

    @Inject
    ListEvents events;

    @Inject
    ListsConfig limits;

    /** A list with its member count; the count is null when a dynamic list's saved filter no longer applies. */
    public record Counted(DistributionList list, Long memberCount) {
    }

    public record Page(List<Counted> items, String nextCursor) {
    }

    /** What adding or removing members did. */
    public record Change(long changed, long unchanged, long memberCount) {
    }

    public Counted create(String tenant, String createdBy, String name, String description, Type type,
            Selection selection) {
        Selection saved = checkSelection(tenant, type, selection);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO distribution_list (list_id, tenant_id,"
                        + " name, description, list_type, filter, created_by, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, now(), now(), 1) ON CONFLICT (tenant_id, lower(name)) DO NOTHING RETURNING "
                        + COLUMNS)) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, tenant);
            s.setString(3, name.strip());
            s.setString(4, description);
            s.setString(5, type.name());
            s.setString(6, write(saved));
            s.setString(7, createdBy);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw nameTaken(name);
                }
                DistributionList list = list(r);
                return new Counted(list, memberCounts(c, List.of(list)).get(list.id()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(TxType.SUPPORTS)
    public Counted get(String tenant, UUID id) {
        try (Connection c = dataSource.getConnection()) {
            DistributionList list = find(c, tenant, id, "");
            return new Counted(list, memberCounts(c, List.of(list)).get(list.id()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page of the tenant's lists by name (ignoring case), each with its member count. */
    @Transactional(TxType.SUPPORTS)
    public Page list(String tenant, Type type, String cursor, int limit) {
        String after = decodeCursor(cursor);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", lower(name) FROM distribution_list"
                + " WHERE tenant_id = ?");
        List<Object> binds = new ArrayList<>(List.of(tenant));
        if (type != null) {
            sql.append(" AND list_type = ?");
            binds.add(type.name());
        }
        if (after != null) {
            sql.append(" AND lower(name) > ?");
            binds.add(after);
        }
        sql.append(" ORDER BY lower(name) LIMIT ?");
        binds.add(limit + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, binds);
            List<DistributionList> lists = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lists.add(list(r));
                    keys.add(r.getString(11));
                }
            }
            String next = null;
            if (lists.size() > limit) {
                lists = lists.subList(0, limit);
                next = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(keys.get(limit - 1).getBytes(StandardCharsets.UTF_8));
            }
            Map<UUID, Long> counts = memberCounts(c, lists);
            return new Page(lists.stream().map(l -> new Counted(l, counts.get(l.id()))).toList(), next);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Changes what is given (null stays as it is) if the caller saw the current version. A dynamic list's
     * selection is replaced as a whole; a static list has none.
     */
    public Counted update(String tenant, UUID id, long expectedVersion, String name, String description,
            Selection selection) {
        try (Connection c = dataSource.getConnection()) {
            DistributionList list = find(c, tenant, id, " FOR UPDATE");
            if (list.version() != expectedVersion) {
                throw ProblemException.of(412, "stale", "Precondition failed", "the list changed since version "
                        + expectedVersion + " (now " + list.version() + "); read it again and reapply the change");
            }
            Selection saved = selection == null ? list.selection() : checkSelection(tenant, list.type(), selection);
            try (PreparedStatement s = c.prepareStatement("UPDATE distribution_list SET name = ?, description = ?,"
                    + " filter = ?::jsonb, updated_at = now(), version = version + 1 WHERE list_id = ?"
                    + " RETURNING " + COLUMNS)) {
                s.setString(1, name == null ? list.name() : name.strip());
                s.setString(2, description == null ? list.description() : description);
                s.setString(3, write(saved));
                s.setObject(4, id);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    DistributionList updated = list(r);
                    return new Counted(updated, memberCounts(c, List.of(updated)).get(id));
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw nameTaken(name);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the list; each member of a static list is announced as removed (LIST_DELETED). */
    public void delete(String tenant, UUID id) {
        try (Connection c = dataSource.getConnection()) {
            DistributionList list = find(c, tenant, id, " FOR UPDATE");
            List<ListMember> members = collect(c, "WITH gone AS (DELETE FROM list_member WHERE list_id = ?"
                    + " RETURNING contact_id)" + withContacts(), list, List.of(id));
            try (PreparedStatement s = c.prepareStatement("DELETE FROM distribution_list WHERE list_id = ?")) {
                s.setObject(1, id);
                s.executeUpdate();
            }
            events.removed(tenant, members, Reason.LIST_DELETED);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A page of the members, sorted like the contacts API, with their total: a static list's stored members,
     * or the contacts a dynamic list's saved selection selects now.
     */
    @Transactional(TxType.SUPPORTS)
    public ContactService.Page members(String tenant, UUID id, String sort, String cursor, int limit) {
        ContactQuery sorted = queries.query(tenant, List.of(), null, null, sort);
        DistributionList list;
        try (Connection c = dataSource.getConnection()) {
            list = find(c, tenant, id, "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (list.type() == Type.STATIC) {
            return contacts.list(sorted, new Within(MEMBER_OF, List.of(id)), cursor, limit, true);
        }
        return contacts.list(resolve(list, sort), cursor, limit, true);
    }

    /** Adds these contacts of the tenant to a static list; an id that names none of them changes nothing. */
    public Change addContacts(String tenant, UUID id, Set<UUID> contactIds) {
        try (Connection c = dataSource.getConnection()) {
            DistributionList list = findStatic(c, tenant, id);
            Set<UUID> unknown = new LinkedHashSet<>(contactIds);
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT contact_id FROM contact WHERE tenant_id = ? AND contact_id = ANY(?)")) {
                s.setString(1, tenant);
                s.setArray(2, c.createArrayOf("uuid", contactIds.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        unknown.remove(r.getObject(1, UUID.class));
                    }
                }
            }
            if (!unknown.isEmpty()) {
                throw new ProblemException(ProblemException.invalidField("contactIds", unknown.size()
                        + " of the ids name no contact of this tenant; nothing was added").problem()
                        .with("unknownContactIds", List.copyOf(unknown)));
            }
            List<ListMember> added = collect(c, "WITH gone AS (INSERT INTO list_member (list_id, contact_id,"
                    + " added_at) SELECT ?, c.contact_id, now() FROM contact c WHERE c.tenant_id = ?"
                    + " AND c.contact_id = ANY(?) ON CONFLICT DO NOTHING RETURNING contact_id)" + withContacts(), list,
                    List.of(id, tenant, c.createArrayOf("uuid", contactIds.toArray())));
            events.added(tenant, added);
            return new Change(added.size(), contactIds.size() - added.size(), staticCount(c, id));
        } catch (SQLException e) {
            throw addFailed(e);
        }
    }

    /** Adds every contact the selection selects now, with one statement; a selection past the limit is refused. */
    public Change addSelected(String tenant, UUID id, Selection selection) {
        ContactQuery query = query(tenant, selection, null);
        try (Connection c = dataSource.getConnection()) {
            DistributionList list = findStatic(c, tenant, id);
            List<Object> binds = new ArrayList<>();
            String condition = query.condition(binds);
            long selected = bounded(c, "SELECT 1 FROM contact c WHERE " + condition, binds);
            List<Object> insert = new ArrayList<>(List.of(id));
            insert.addAll(binds);
            insert.add(limits.maxSelected());
            List<ListMember> added = collect(c, "WITH gone AS (INSERT INTO list_member (list_id, contact_id,"
                    + " added_at) SELECT ?, s.contact_id, now() FROM (SELECT c.contact_id FROM contact c WHERE "
                    + condition + " LIMIT ?) s ON CONFLICT DO NOTHING RETURNING contact_id)" + withContacts(), list,
                    insert);
            events.added(tenant, added);
            return new Change(added.size(), Math.max(0, selected - added.size()), staticCount(c, id));
        } catch (SQLException e) {
            throw addFailed(e);
        }
    }

    /** Removes these contacts from a static list; an id that is no member changes nothing. */
    public Change removeContacts(String tenant, UUID id, Set<UUID> contactIds) {
        try (Connection c = dataSource.getConnection()) {
            DistributionList list = findStatic(c, tenant, id);
            List<ListMember> removed = collect(c, "WITH gone AS (DELETE FROM list_member WHERE list_id = ?"
                    + " AND contact_id = ANY(?) RETURNING contact_id)" + withContacts(), list,
                    List.of(id, c.createArrayOf("uuid", contactIds.toArray())));
            events.removed(tenant, removed, Reason.REMOVED);
            return new Change(removed.size(), contactIds.size() - removed.size(), staticCount(c, id));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the members the selection selects now, with one statement; a selection past the limit is refused. */
    public Change removeSelected(String tenant, UUID id, Selection selection) {
        ContactQuery query = query(tenant, selection, null);
        try (Connection c = dataSource.getConnection()) {
            DistributionList list = findStatic(c, tenant, id);
            List<Object> binds = new ArrayList<>();
            String condition = query.condition(binds) + " AND " + MEMBER_OF;
            binds.add(id);
            bounded(c, "SELECT 1 FROM contact c WHERE " + condition, binds);
            List<Object> delete = new ArrayList<>(List.of(id));
            delete.addAll(binds);
            List<ListMember> removed = collect(c, "WITH gone AS (DELETE FROM list_member WHERE list_id = ?"
                    + " AND contact_id IN (SELECT c.contact_id FROM contact c WHERE " + condition + ")"
                    + " RETURNING contact_id)" + withContacts(), list, delete);
            events.removed(tenant, removed, Reason.REMOVED);
            return new Change(removed.size(), 0, staticCount(c, id));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a list's selection against its type and the tenant's schema: a dynamic list needs one, a static list
     * has none. Returns what is saved.
     */
    private Selection checkSelection(String tenant, Type type, Selection selection) {
        boolean given = selection != null && !selection.isEmpty();
        if (type == Type.STATIC) {
            if (given) {
                throw ProblemException.invalidField("filter", "a static list saves no filter, q or source; add"
                        + " members by filter instead, or make the list DYNAMIC");
            }
            return null;
        }
        if (!given) {
            throw ProblemException.invalidField("filter", "a dynamic list needs a filter (or q, or source) that"
                    + " selects its members");
        }
        query(tenant, selection, null);
        return selection;
    }

    private ContactQuery query(String tenant, Selection selection, String sort) {
        return queries.query(tenant, selection.filter(), selection.q(), selection.source(), sort);
    }

    /**
     * A dynamic list's saved selection as a query. A selection that no longer fits the tenant's schema (a custom
     * field it names was removed) is the list's problem, not the request's: 409.
     */
    private ContactQuery resolve(DistributionList list, String sort) {
        try {
            return query(list.tenant(), list.selection(), sort);
        } catch (ProblemException e) {
            throw ProblemException.conflict("the saved filter of list " + list.id() + " no longer applies: "
                    + e.problem().detail() + "; change the list's filter");
        }
    }

    private DistributionList find(Connection c, String tenant, UUID id, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM distribution_list"
                + " WHERE tenant_id = ? AND list_id = ?" + lock)) {
            s.setString(1, tenant);
            s.setObject(2, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ProblemException.notFound("list", id);
                }
                return list(r);
            }
        }
    }

    /** The list, locked against a concurrent delete or rename while its members change; static lists only. */
    private DistributionList findStatic(Connection c, String tenant, UUID id) throws SQLException {
        DistributionList list = find(c, tenant, id, " FOR SHARE");
        if (list.type() == Type.DYNAMIC) {
            throw ProblemException.of(400, "dynamic-list", "Dynamic list", "list " + id + " is dynamic: its"
                    + " members are the contacts its filter selects; change the filter instead");
        }
        return list;
    }

    /** The number of rows the selection yields, refused past the limit (counting stops there). */
    private long bounded(Connection c, String select, List<Object> binds) throws SQLException {
        int max = limits.maxSelected();
        List<Object> all = new ArrayList<>(binds);
        all.add(max + 1);
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM (" + select + " LIMIT ?) t")) {
            bind(s, all);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long count = r.getLong(1);
                if (count > max) {
                    throw ProblemException.invalidField("filter", "selects more than " + max
                            + " contacts; narrow it, or change the members in parts");
                }
                return count;
            }
        }
    }

    /** The tail of a statement whose CTE {@code gone} returns contact ids: those contacts with their unique ids. */
    private static String withContacts() {
        return " SELECT g.contact_id, c.unique_id FROM gone g JOIN contact c ON c.contact_id = g.contact_id"
                + " ORDER BY g.contact_id";
    }

    private static List<ListMember> collect(Connection c, String sql, DistributionList list, List<Object> binds)
            throws SQLException {
        List<ListMember> members = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, binds);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    members.add(new ListMember(r.getObject(1, UUID.class), r.getString(2), list.id(), list.name()));
                }
            }
        }
        return members;
    }

    /**
     * The member count of each list: stored members of static lists in one statement, a count of the saved
     * selection for each dynamic list (null when it no longer applies).
     */
    private Map<UUID, Long> memberCounts(Connection c, List<DistributionList> lists) throws SQLException {
        Map<UUID, Long> counts = new HashMap<>();
        List<UUID> statics = new ArrayList<>();
        for (DistributionList list : lists) {
            if (list.type() == Type.STATIC) {
                statics.add(list.id());
                counts.put(list.id(), 0L);
            } else {
                counts.put(list.id(), dynamicCount(c, list));
            }
        }
        if (!statics.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("SELECT list_id, count(*) FROM list_member"
                    + " WHERE list_id = ANY(?) GROUP BY list_id")) {
                s.setArray(1, c.createArrayOf("uuid", statics.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getObject(1, UUID.class), r.getLong(2));
                    }
                }
            }
        }
        return counts;
    }

    private Long dynamicCount(Connection c, DistributionList list) throws SQLException {
        ContactQuery query;
        try {
            query = query(list.tenant(), list.selection(), null);
        } catch (ProblemException e) {
            return null;
        }
        List<Object> binds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM contact c WHERE " + query.condition(
                binds))) {
            bind(s, binds);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long staticCount(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM list_member WHERE list_id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** A contact deleted (by a sync) while it was being added fails the foreign key: the client may retry. */
    private static RuntimeException addFailed(SQLException e) {
        if ("23503".equals(e.getSQLState())) {
            return ProblemException.conflict("a contact was deleted while it was being added; send the request"
                    + " again");
        }
        return new IllegalStateException(e);
    }

    private static ProblemException nameTaken(String name) {
        return ProblemException.conflict("the tenant already has a list named '" + (name == null ? "" : name.strip())
                + "' (names are compared ignoring case)");
    }

    private DistributionList list(ResultSet r) throws SQLException {
        String filter = r.getString(6);
        try {
            return new DistributionList(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4),
                    Type.valueOf(r.getString(5)), filter == null ? null : json.readValue(filter, Selection.class),
                    r.getString(7), r.getObject(8, OffsetDateTime.class), r.getObject(9, OffsetDateTime.class),
                    r.getLong(10));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Selection selection) {
        try {
            return selection == null ? null : json.writeValueAsString(selection);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }

    private static void bind(PreparedStatement s, List<Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            s.setObject(i + 1, binds.get(i));
        }
    }
}
