package dev.roster.commons.events;

import java.util.UUID;

/**
 * The data of {@link EventTypes#CONTACT_REMOVED_FROM_SPACE} on {@link Topics#CONTACT_EVENTS} (key: the contact
 * id): a contact is no longer a member of a space.
 *
 * @param reason CONTACT_DELETED: the contact left the directory (a sync removed it, or it was deleted)
 */
public record ContactRemovedFromSpace(UUID contactId, String uniqueId, UUID spaceId, String spaceName,
        Reason reason) {

    public enum Reason {
        CONTACT_DELETED
    }
}
