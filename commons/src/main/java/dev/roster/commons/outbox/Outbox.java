package dev.roster.commons.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;

/**
 * Records an event in the caller's transaction: it is published if and only if that transaction commits.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EventCodec codec;

    @Inject
    Event<OutboxWritten> written;

    /** Adds the event to the outbox; must run inside the transaction of the change it reports. */
    @Transactional(TxType.MANDATORY)
    public EventEnvelope publish(String topic, String key, EventEnvelope envelope) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.fromString(envelope.id());
        row.topic = topic;
        row.key = key;
        row.type = envelope.type();
        row.payload = codec.write(envelope);
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.persist();
        written.fire(new OutboxWritten(row.id));
        return envelope;
    }

    /** Fired on every write; the relay observes it after commit to publish without waiting for its next poll. */
    public record OutboxWritten(UUID eventId) {
    }
}
