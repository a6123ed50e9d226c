package dev.roster.commons.events;

import java.util.UUID;

/**
 * The data of {@link EventTypes#CONTACT_DELETED} on {@link Topics#CONTACT_EVENTS}: the contact's last source
 * no longer supplies it. Key and subject: the contact id.
 */
public record ContactDeleted(UUID contactId, String uniqueId) {
}
