package dev.roster.commons.events;

import java.util.Map;
import java.util.UUID;

/**
 * The data of {@link EventTypes#CONTACT_CREATED} on {@link Topics#CONTACT_EVENTS}: a sync brought a person the
 * directory did not have. Key and subject: the contact id.
 *
 * @param fields the contact's fields after the change, merged over its sources by priority
 */
public record ContactCreated(UUID contactId, String uniqueId, Map<String, String> fields) {
}
