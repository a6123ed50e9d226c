package dev.roster.directory.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.ContactCreated;
import dev.roster.commons.events.ContactDeleted;
import dev.roster.commons.events.ContactUpdated;
import dev.roster.commons.events.ContactUpsertBatch.ContactUpsert;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.directory.contact.ContactsRemoved;

/**
 * Writes contacts and their links with one statement per step of a batch, never a round trip per contact, and
 * publishes a contact event for every real change through the outbox, in the caller's transaction.
 */
@ApplicationScoped
class ContactStore {

    static final String SOURCE = "/roster/contact-directory-service";
    private static final TypeReference<TreeMap<String, String>> FIELDS = new TypeReference<>() {
    };

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    @Inject
    ObjectMapper json;

    @Inject
    Event<ContactsRemoved> removals;

    private record Link(UUID contactId, long hash) {
    }

    private record StoredContact(UUID id, String uniqueId, TreeMap<String, String> fields) {
    }

    /** Applies the upserts of one integration; unchanged people (same content hash) are neither written nor announced. */
    void upsert(Connection c, String tenant, UUID integrationId, Collection<ContactUpsert> upserts, Counts counts)
            throws SQLException {
        Map<String, ContactUpsert> bySource = new LinkedHashMap<>();
        upserts.forEach(u -> bySource.put(u.sourceId(), u));
        Map<String, Link> stored = links(c, integrationId, bySource.keySet());
        List<ContactUpsert> changed = new ArrayList<>();
        Map<String, Long> hashes = new HashMap<>();
        for (ContactUpsert upsert : bySource.values()) {
            long hash = hash(upsert);
            Link link = stored.get(upsert.sourceId());
            if (link != null && link.hash() == hash) {
                counts.unchanged++;
            } else {
                changed.add(upsert);
                hashes.put(upsert.sourceId(), hash);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        List<Outbox.Message> events = new ArrayList<>();
        Set<UUID> created = new HashSet<>();
        Set<UUID> complete = new HashSet<>();
        Map<String, UUID> contacts = contactsFor(c, tenant, changed, created, complete, counts, events);
        Set<UUID> affected = new HashSet<>(created);
        int n = changed.size();
        UUID[] integrations = new UUID[n];
        String[] sourceIds = new String[n];
        UUID[] contactIds = new UUID[n];
        String[] fields = new String[n];
        Long[] linkHashes = new Long[n];
        for (int i = 0; i < n; i++) {
            ContactUpsert upsert = changed.get(i);
            integrations[i] = integrationId;
            sourceIds[i] = upsert.sourceId();
            contactIds[i] = contacts.get(upsert.uniqueId());
            fields[i] = write(new TreeMap<>(upsert.fields()));
            linkHashes[i] = hashes.get(upsert.sourceId());
            if (!complete.contains(contactIds[i])) {
                affected.add(contactIds[i]);
            }
            Link before = stored.get(upsert.sourceId());
            if (before != null) {
                affected.add(before.contactId());
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO contact_link"
                + " (integration_id, source_id, contact_id, fields, content_hash)"
                + " SELECT i, s, c, f::jsonb, h FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::bigint[])"
                + " AS t(i, s, c, f, h) ON CONFLICT (integration_id, source_id) DO UPDATE SET"
                + " contact_id = excluded.contact_id, fields = excluded.fields, content_hash = excluded.content_hash")) {
            s.setArray(1, c.createArrayOf("uuid", integrations));
            s.setArray(2, c.createArrayOf("text", sourceIds));
            s.setArray(3, c.createArrayOf("uuid", contactIds));
            s.setArray(4, c.createArrayOf("text", fields));
            s.setArray(5, c.createArrayOf("bigint", linkHashes));
            s.executeUpdate();
        }
        merge(c, tenant, affected, created, counts, events);
        outbox.publishAll(events);
    }

    /** Removes the integration's links to these source ids; a contact left without a source is deleted. */
    void unlink(Connection c, String tenant, UUID integrationId, Collection<String> sourceIds, Counts counts)
            throws SQLException {
        if (sourceIds.isEmpty()) {
            return;
        }
        Set<UUID> affected = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("DELETE FROM contact_link WHERE integration_id = ?"
                + " AND source_id = ANY(?) RETURNING contact_id")) {
            s.setObject(1, integrationId);
            s.setArray(2, c.createArrayOf("text", sourceIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    affected.add(r.getObject(1, UUID.class));
                    counts.removed++;
                }
            }
        }
        List<Outbox.Message> events = new ArrayList<>();
        merge(c, tenant, affected, Set.of(), counts, events);
        outbox.publishAll(events);
    }

    private Map<String, Link> links(Connection c, UUID integrationId, Set<String> sourceIds) throws SQLException {
        Map<String, Link> links = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT source_id, contact_id, content_hash FROM contact_link"
                + " WHERE integration_id = ? AND source_id = ANY(?)")) {
            s.setObject(1, integrationId);
            s.setArray(2, c.createArrayOf("text", sourceIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    links.put(r.getString(1), new Link(r.getObject(2, UUID.class), r.getLong(3)));
                }
            }
        }
        return links;
    }

    /**
     * The contact of each unique id, created where the tenant has none. A new contact that only this upsert
     * supplies is written with its fields at once and announced here ({@code complete}); one that several
     * upserts of the batch supply is created empty ({@code created}) and filled by {@link #merge}.
     */
    private Map<String, UUID> contactsFor(Connection c, String tenant, List<ContactUpsert> upserts, Set<UUID> created,
            Set<UUID> complete, Counts counts, List<Outbox.Message> events) throws SQLException {
        Map<String, List<ContactUpsert>> byUniqueId = new TreeMap<>();
        upserts.forEach(u -> byUniqueId.computeIfAbsent(u.uniqueId(), k -> new ArrayList<>(1)).add(u));
        Map<String, UUID> contacts = existing(c, tenant, byUniqueId.keySet());
        List<String> missing = byUniqueId.keySet().stream().filter(u -> !contacts.containsKey(u)).toList();
        if (missing.isEmpty()) {
            return contacts;
        }
        int n = missing.size();
        UUID[] newIds = new UUID[n];
        String[] fields = new String[n];
        Map<String, TreeMap<String, String>> single = new HashMap<>();
        for (int i = 0; i < n; i++) {
            newIds[i] = TimeOrderedIds.next();
            List<ContactUpsert> supplied = byUniqueId.get(missing.get(i));
            if (supplied.size() == 1) {
                TreeMap<String, String> own = new TreeMap<>(supplied.get(0).fields());
                single.put(missing.get(i), own);
                fields[i] = write(own);
            } else {
                fields[i] = "{}";
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO contact"
                + " (contact_id, tenant_id, unique_id, fields, created_at, updated_at)"
                + " SELECT id, ?, u, f::jsonb, now(), now() FROM unnest(?::uuid[], ?::text[], ?::text[]) AS t(id, u, f)"
                + " ON CONFLICT (tenant_id, unique_id) DO NOTHING RETURNING contact_id, unique_id")) {
            s.setString(1, tenant);
            s.setArray(2, c.createArrayOf("uuid", newIds));
            s.setArray(3, c.createArrayOf("text", missing.toArray()));
            s.setArray(4, c.createArrayOf("text", fields));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID id = r.getObject(1, UUID.class);
                    String uniqueId = r.getString(2);
                    contacts.put(uniqueId, id);
                    TreeMap<String, String> own = single.get(uniqueId);
                    if (own == null) {
                        created.add(id);
                    } else {
                        complete.add(id);
                        counts.created++;
                        events.add(
                                event(EventTypes.CONTACT_CREATED, id, tenant, new ContactCreated(id, uniqueId, own)));
                    }
                }
            }
        }
        if (contacts.size() < byUniqueId.size()) { // another integration of the tenant created some meanwhile
            contacts.putAll(existing(c, tenant,
                    byUniqueId.keySet().stream().filter(u -> !contacts.containsKey(u)).toList()));
        }
        return contacts;
    }

    private Map<String, UUID> existing(Connection c, String tenant, Collection<String> uniqueIds) throws SQLException {
        Map<String, UUID> contacts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT unique_id, contact_id FROM contact WHERE tenant_id = ? AND unique_id = ANY(?)")) {
            s.setString(1, tenant);
            s.setArray(2, c.createArrayOf("text", uniqueIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    contacts.put(r.getString(1), r.getObject(2, UUID.class));
                }
            }
        }
        return contacts;
    }

    /**
     * Recomputes the fields of the affected contacts from their links, the integration with the higher
     * priority winning a disagreement (an explicit priority over none, then the oldest), and announces each
     * real change.
     */
    private void merge(Connection c, String tenant, Set<UUID> affected, Set<UUID> created, Counts counts,
            List<Outbox.Message> events) throws SQLException {
        if (affected.isEmpty()) {
            return;
        }
        UUID[] ids = affected.toArray(UUID[]::new);
        Map<UUID, StoredContact> before = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT contact_id, unique_id, fields::text FROM contact WHERE contact_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID id = r.getObject(1, UUID.class);
                    before.put(id, new StoredContact(id, r.getString(2), read(r.getString(3))));
                }
            }
        }
        Map<UUID, TreeMap<String, String>> merged = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT l.contact_id, l.fields::text FROM contact_link l"
                + " LEFT JOIN source_integration i ON i.integration_id = l.integration_id"
                + " WHERE l.contact_id = ANY(?)"
                + " ORDER BY l.contact_id, i.priority ASC NULLS FIRST, i.created_at DESC NULLS FIRST,"
                + " l.integration_id DESC")) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    merged.computeIfAbsent(r.getObject(1, UUID.class), id -> new TreeMap<>())
                            .putAll(read(r.getString(2)));
                }
            }
        }
        List<UUID> changedIds = new ArrayList<>();
        List<String> changedFields = new ArrayList<>();
        List<UUID> deleted = new ArrayList<>();
        for (StoredContact contact : before.values()) {
            TreeMap<String, String> fields = merged.get(contact.id());
            if (fields == null) {
                deleted.add(contact.id());
                events.add(event(EventTypes.CONTACT_DELETED, contact.id(), tenant,
                        new ContactDeleted(contact.id(), contact.uniqueId())));
            } else if (created.contains(contact.id())) {
                counts.created++;
                changedIds.add(contact.id());
                changedFields.add(write(fields));
                events.add(event(EventTypes.CONTACT_CREATED, contact.id(), tenant,
                        new ContactCreated(contact.id(), contact.uniqueId(), fields)));
            } else if (!fields.equals(contact.fields())) {
                counts.updated++;
                changedIds.add(contact.id());
                changedFields.add(write(fields));
                events.add(event(EventTypes.CONTACT_UPDATED, contact.id(), tenant, new ContactUpdated(contact.id(),
                        contact.uniqueId(), changedKeys(contact.fields(), fields), fields)));
            } else {
                counts.unchanged++;
            }
        }
        if (!changedIds.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE contact SET fields = t.f::jsonb, updated_at = now()"
                    + " FROM unnest(?::uuid[], ?::text[]) AS t(id, f) WHERE contact_id = t.id")) {
                s.setArray(1, c.createArrayOf("uuid", changedIds.toArray()));
                s.setArray(2, c.createArrayOf("text", changedFields.toArray()));
                s.executeUpdate();
            }
        }
        if (!deleted.isEmpty()) {
            removals.fire(new ContactsRemoved(c, tenant, List.copyOf(deleted), true));
            try (PreparedStatement s = c.prepareStatement("DELETE FROM contact WHERE contact_id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", deleted.toArray()));
                s.executeUpdate();
            }
        }
    }

    static List<String> changedKeys(Map<String, String> before, Map<String, String> after) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(before.get(k), after.get(k))).toList();
    }

    private Outbox.Message event(String type, UUID contactId, String tenant, Object data) {
        String key = contactId.toString();
        return new Outbox.Message(Topics.CONTACT_EVENTS, key, codec.envelope(SOURCE, type, key, tenant, data));
    }

    /** A hash of what the source supplies of a person: its unique id and its fields, in key order. */
    static long hash(ContactUpsert upsert) {
        StringBuilder text = new StringBuilder(upsert.uniqueId()).append('\u0000');
        new TreeMap<>(upsert.fields()).forEach((k, v) -> text.append(k).append('\u0001').append(v).append('\u0000'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8));
            long hash = 0;
            for (int i = 0; i < 8; i++) {
                hash = (hash << 8) | (digest[i] & 0xff);
            }
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Map<String, String> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private TreeMap<String, String> read(String fields) {
        try {
            return json.readValue(fields, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
