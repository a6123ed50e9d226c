package dev.roster.commons.events;

import java.util.UUID;

/**
 * The data of {@link EventTypes#CONTACT_ADDED_TO_SPACE} on {@link Topics#CONTACT_EVENTS} (key: the contact id):
 * a contact became a member of a space (an organization, a lab or a challenge) with a role. A member of a lab
 * or challenge who was not yet a member of its organization gets a second event for the organization.
 */
public record ContactAddedToSpace(UUID contactId, String uniqueId, UUID spaceId, String spaceName, String spaceType,
        UUID organizationId, String role) {
}
