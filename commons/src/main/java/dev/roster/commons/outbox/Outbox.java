package dev.roster.commons.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;

/**
 * Records events in the caller's transaction: they are published if and only if that transaction commits, in
 * the order they were recorded. Rows are written at once on the transaction's connection (one statement for
 * any number of events), so the order of the calls is the order of publication.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EventCodec codec;

    @Inject
    DataSource dataSource;

    @Inject
    Event<OutboxWritten> written;

    /** One event to record: the topic, its key and the envelope. */
    public record Message(String topic, String key, EventEnvelope envelope) {
    }

    /** Adds the event to the outbox; must run inside the transaction of the change it reports. */
    @Transactional(TxType.MANDATORY)
    public EventEnvelope publish(String topic, String key, EventEnvelope envelope) {
        publishAll(List.of(new Message(topic, key, envelope)));
        return envelope;
    }

    /**
     * Adds the events to the outbox with one statement, in list order; must run inside the transaction of the
     * changes they report.
     */
    @Transactional(TxType.MANDATORY)
    public void publishAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        int n = messages.size();
        Object[] ids = new Object[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Message message = messages.get(i);
            ids[i] = java.util.UUID.fromString(message.envelope().id());
            topics[i] = message.topic();
            keys[i] = message.key();
            types[i] = message.envelope().type();
            payloads[i] = codec.write(message.envelope());
        }
        // The connection is the transaction's own; closing it here hands it back to the transaction.
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO outbox_event"
                        + " (id, topic, event_key, event_type, payload, created_at)"
                        + " SELECT id, topic, k, type, payload, now()"
                        + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + " WITH ORDINALITY AS t(id, topic, k, type, payload, n) ORDER BY n")) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            s.setArray(2, c.createArrayOf("text", topics));
            s.setArray(3, c.createArrayOf("text", keys));
            s.setArray(4, c.createArrayOf("text", types));
            s.setArray(5, c.createArrayOf("text", payloads));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write to the outbox", e);
        }
        written.fire(new OutboxWritten(n));
    }

    /** Fired on every write; the relay observes it after commit to publish without waiting for its next poll. */
    public record OutboxWritten(int events) {
    }
}
