package dev.roster.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Remembers which events a consumer has applied, in the same transaction as what applying them wrote, so
 * a redelivered event is recognised and changes nothing.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager em;

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
}
