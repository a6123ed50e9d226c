package dev.roster.commons.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The data of {@link EventTypes#CONTACT_UPDATED} on {@link Topics#CONTACT_EVENTS}: a contact's fields changed.
 * Key and subject: the contact id.
 *
 * @param changedFields the keys of the fields whose value changed, appeared or disappeared, sorted
 * @param fields the contact's fields after the change
 */
public record ContactUpdated(UUID contactId, String uniqueId, List<String> changedFields,
        Map<String, String> fields) {
}
