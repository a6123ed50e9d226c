package dev.roster.commons.outbox;

import java.util.List;

/** Sends a batch of outbox events to Kafka and returns only when the broker has acknowledged all of them. */
public interface OutboxSender {

    void sendAll(List<PendingEvent> events) throws Exception;

    /** An event as the relay reads it from the outbox table. */
    record PendingEvent(String id, String topic, String key, String payload) {
    }
}
