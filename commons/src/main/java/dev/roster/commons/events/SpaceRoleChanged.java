package dev.roster.commons.events;

import java.util.UUID;

/**
 * The data of {@link EventTypes#SPACE_ROLE_CHANGED} on {@link Topics#CONTACT_EVENTS} (key: the contact id): an
 * import asked to update the role of a contact that was already a member.
 */
public record SpaceRoleChanged(UUID contactId, String uniqueId, UUID spaceId, String spaceName, String role,
        String previousRole) {
}
