package dev.roster.commons.events;

import java.util.UUID;

/**
 * The data of {@link EventTypes#CONTACT_ADDED_TO_LIST} on {@link Topics#CONTACT_EVENTS}: a contact became a
 * member of a static distribution list. Dynamic lists publish no membership events (their members are computed
 * from a saved filter when read). Key and subject: the contact id.
 *
 * @param uniqueId the value of the tenant's unique-contact-ID field of the contact
 * @param listName the list's name when the contact was added
 */
public record ContactAddedToList(UUID contactId, String uniqueId, UUID listId, String listName) {
}
