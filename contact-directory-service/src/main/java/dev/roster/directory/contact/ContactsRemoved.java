package dev.roster.directory.contact;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

/**
 * Fired synchronously, inside the deleting transaction and before the rows go, whenever contacts leave the
 * directory: a sync removed their last source, or someone deleted one through the API. Observers (lists,
 * spaces) clean up what hangs off the contacts on the same connection, and publish their own events.
 *
 * @param connection the transaction's connection; observers must not close it
 * @param tenant the tenant the contacts belong to
 * @param contactIds the contacts about to be deleted
 * @param bySync true when a sync removed them, false for a local delete through the API
 */
public record ContactsRemoved(Connection connection, String tenant, List<UUID> contactIds, boolean bySync) {
}
