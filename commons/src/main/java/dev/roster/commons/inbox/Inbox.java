package dev.roster.commons.inbox;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;

/**
 * Remembers which events a consumer has applied, in the same transaction as what applying them wrote, so
 * a redelivered event is recognised and changes nothing.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    @Inject
    EntityManager em;

    @Inject
    EventCodec codec;

    /**
     * Records the event as applied by this consumer and tells whether this is its first delivery. Must run
     * in the transaction that applies the event: if that rolls back, the event counts as not seen.
     */
    @Transactional(TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        int inserted = em.createNativeQuery("INSERT INTO processed_event (consumer, event_id, processed_at)"
                + " VALUES (?1, ?2, now()) ON CONFLICT DO NOTHING")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * Applies the event unless this consumer has applied it before; both in the caller's transaction.
     * Returns whether it was applied now.
     */
    @Transactional(TxType.MANDATORY)
    public boolean applyOnce(String consumer, EventEnvelope event, Runnable apply) {
        if (!firstDelivery(consumer, event.id())) {
            LOG.debugf("%s skips event %s (%s): applied before", consumer, event.id(), event.type());
            return false;
        }
        apply.run();
        return true;
    }

    /**
     * Reads a record from a topic and, if it is an event of the given type this consumer has not applied
     * yet, hands its data to {@code apply}; other types are ignored. A record that is not an event fails
     * with {@link IllegalArgumentException} (the channel sets it aside on its dead-letter topic).
     */
    @Transactional(TxType.MANDATORY)
    public <T> boolean applyOnce(String consumer, String payload, String type, Class<T> dataType,
            Consumer<T> apply) {
        EventEnvelope event = codec.read(payload);
        if (!type.equals(event.type())) {
            return false;
        }
        return applyOnce(consumer, event, () -> apply.accept(codec.data(event, dataType)));
    }
}
