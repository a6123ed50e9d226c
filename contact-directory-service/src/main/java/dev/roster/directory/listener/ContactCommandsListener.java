package dev.roster.directory.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.ContactUpsertBatch;
import dev.roster.commons.events.DeletionsConfirmed;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.SyncEnded;
import dev.roster.commons.inbox.Inbox;
import dev.roster.directory.sync.SyncApplyService;

/**
 * Applies the contact commands of {@code roster.contact-commands}, each once by event id (and batches also once
 * by job and sequence), in one transaction with what they write and report. The tenant is the envelope's.
 */
@ApplicationScoped
public class ContactCommandsListener {

    static final String CONSUMER = "contact-directory-service.contact-commands";

    @Inject
    Inbox inbox;

    @Inject
    EventCodec codec;

    @Inject
    SyncApplyService sync;

    @Incoming("contact-commands")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        EventEnvelope event = codec.read(payload);
        String tenant = event.tenantid();
        switch (event.type()) {
            case EventTypes.CONTACT_UPSERT_BATCH -> inbox.applyOnce(CONSUMER, event,
                    () -> sync.applyBatch(tenant, codec.data(event, ContactUpsertBatch.class)));
            case EventTypes.SYNC_ENDED -> inbox.applyOnce(CONSUMER, event,
                    () -> sync.end(tenant, codec.data(event, SyncEnded.class)));
            case EventTypes.DELETIONS_CONFIRMED -> inbox.applyOnce(CONSUMER, event,
                    () -> sync.confirm(tenant, codec.data(event, DeletionsConfirmed.class)));
            default -> {
                // other commands are not for the directory
            }
        }
    }
}
