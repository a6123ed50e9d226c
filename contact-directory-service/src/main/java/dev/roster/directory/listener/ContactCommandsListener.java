package dev.roster.directory.listener;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;

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
 * <p>
 * Two commands are applied at a time, on two connections, so the database works while the other transaction
 * waits on the network: a job's batches commute (each records what it supplied, the counts add up under the
 * job's row lock, and the sweep runs in whichever transaction finds every batch applied, SyncEnded included).
 * Two transactions that happen to write the same contact wait for each other; the rare deadlock between them
 * is retried.
 */
@ApplicationScoped
public class ContactCommandsListener {

    static final String CONSUMER = "contact-directory-service.contact-commands";
    private static final Logger LOG = Logger.getLogger(ContactCommandsListener.class);
    private static final int ATTEMPTS = 5;

    @Inject
    Inbox inbox;

    @Inject
    EventCodec codec;

    @Inject
    SyncApplyService sync;

    @Incoming("contact-commands")
    @Blocking(value = "contact-commands", ordered = false)
    public void onEvent(String payload) {
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(payload));
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                LOG.infof("Retrying a contact command after a transient database conflict (%s)", e.getMessage());
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A deadlock or serialization failure: the transaction was rolled back and may simply run again. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private void apply(String payload) {
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
