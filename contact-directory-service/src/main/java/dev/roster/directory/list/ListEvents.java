package dev.roster.directory.list;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roster.commons.events.ContactAddedToList;
import dev.roster.commons.events.ContactRemovedFromList;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;

/**
 * Announces membership changes of static lists on {@link Topics#CONTACT_EVENTS}, keyed by contact id, through
 * the outbox in the caller's transaction: a thousand rows per statement, so that a large change (a list of
 * 100,000 deleted) never builds one huge statement.
 */
@ApplicationScoped
class ListEvents {

    static final String SOURCE = "/roster/contact-directory-service";
    private static final int CHUNK = 1_000;

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    void added(String tenant, List<ListMember> members) {
        publish(tenant, members, EventTypes.CONTACT_ADDED_TO_LIST,
                m -> new ContactAddedToList(m.contactId(), m.uniqueId(), m.listId(), m.listName()));
    }

    void removed(String tenant, List<ListMember> members, ContactRemovedFromList.Reason reason) {
        publish(tenant, members, EventTypes.CONTACT_REMOVED_FROM_LIST,
                m -> new ContactRemovedFromList(m.contactId(), m.uniqueId(), m.listId(), m.listName(), reason));
    }

    private void publish(String tenant, List<ListMember> members, String type, Function<ListMember, Object> data) {
        for (int from = 0; from < members.size(); from += CHUNK) {
            List<Outbox.Message> messages = new ArrayList<>();
            for (ListMember member : members.subList(from, Math.min(members.size(), from + CHUNK))) {
                String key = member.contactId().toString();
                messages.add(new Outbox.Message(Topics.CONTACT_EVENTS, key,
                        codec.envelope(SOURCE, type, key, tenant, data.apply(member))));
            }
            outbox.publishAll(messages);
        }
    }
}
