package dev.roster.directory.list;

import java.util.UUID;

/** A membership of a static list that changed: the contact and the list, as its event names them. */
record ListMember(UUID contactId, String uniqueId, UUID listId, String listName) {
}
