package dev.roster.directory.list;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.roster.commons.events.ContactRemovedFromList.Reason;
import dev.roster.directory.contact.ContactsRemoved;

/**
 * A contact that leaves the directory (a sync removed its last source, or it was deleted through the API) leaves
 * every static list, announced by one ContactRemovedFromList per membership, before its ContactDeleted. Runs in
 * the deleting transaction, on its connection, before the contacts are deleted.
 */
@ApplicationScoped
public class ContactRemovalListener {

    @Inject
    ListEvents events;

    void contactsRemoved(@Observes ContactsRemoved removed) {
        if (removed.contactIds().isEmpty()) {
            return;
        }
        Connection c = removed.connection();
        List<ListMember> left = new ArrayList<>();
        // Locked first, so that a membership added concurrently is either committed before and seen by the
        // delete below (and announced), or refused by its foreign key after: none is dropped unannounced.
        try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM contact WHERE contact_id = ANY(?)"
                + " ORDER BY contact_id FOR UPDATE")) {
            lock.setArray(1, c.createArrayOf("uuid", removed.contactIds().toArray()));
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement s = c.prepareStatement("WITH gone AS (DELETE FROM list_member m"
                + " USING distribution_list l WHERE m.contact_id = ANY(?) AND l.list_id = m.list_id"
                + " AND l.tenant_id = ? RETURNING m.contact_id, m.list_id, l.name)"
                + " SELECT g.contact_id, c.unique_id, g.list_id, g.name FROM gone g"
                + " JOIN contact c ON c.contact_id = g.contact_id ORDER BY g.contact_id, g.list_id")) {
            s.setArray(1, c.createArrayOf("uuid", removed.contactIds().toArray()));
            s.setString(2, removed.tenant());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    left.add(new ListMember(r.getObject(1, UUID.class), r.getString(2), r.getObject(3, UUID.class),
                            r.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        events.removed(removed.tenant(), left, Reason.CONTACT_DELETED);
    }
}
