package dev.roster.commons.events;

import java.util.UUID;

/**
 * The data of {@link EventTypes#CONTACT_REMOVED_FROM_LIST} on {@link Topics#CONTACT_EVENTS}: a contact is no
 * longer a member of a static distribution list. Key and subject: the contact id.
 *
 * @param uniqueId the value of the tenant's unique-contact-ID field of the contact
 * @param listName the list's name when the contact left it
 * @param reason why the contact left the list
 */
public record ContactRemovedFromList(UUID contactId, String uniqueId, UUID listId, String listName, Reason reason) {

    public enum Reason {
        /** Someone removed the contact from the list. */
        REMOVED,
        /** The contact was deleted: a sync removed its last source, or someone deleted it in Roster. */
        CONTACT_DELETED,
        /** The list was deleted. */
        LIST_DELETED
    }
}
