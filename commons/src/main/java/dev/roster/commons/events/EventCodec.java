package dev.roster.commons.events;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes and reads event envelopes and their data with the service's configured Jackson mapper. */
@ApplicationScoped
public class EventCodec {

    @Inject
    ObjectMapper mapper;

    public EventEnvelope envelope(String source, String type, String subject, String tenantId, Object data) {
        return EventEnvelope.create(source, type, subject, tenantId, mapper.valueToTree(data));
    }

    public String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an envelope; a record that is not one fails with a message that says why. */
    public EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = mapper.readValue(json, EventEnvelope.class);
            if (envelope.id() == null || envelope.type() == null) {
                throw new IllegalArgumentException("not a Roster event: no id or type");
            }
            return envelope;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Roster event: " + e.getMessage(), e);
        }
    }

    public <T> T data(EventEnvelope envelope, Class<T> type) {
        try {
            return mapper.treeToValue(envelope.data(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + envelope.id() + " has unreadable data: " + e.getMessage(), e);
        }
    }
}
