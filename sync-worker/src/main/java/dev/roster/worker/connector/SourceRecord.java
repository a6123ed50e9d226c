package dev.roster.worker.connector;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One person as the source describes them: the source's id, whether the source counts them as active, and
 * the source's own attributes, untouched (the mapping decides what becomes of them). A person the source
 * reports as removed (Graph's {@code @removed}) is inactive and {@code removed}.
 */
public record SourceRecord(String id, boolean active, boolean removed, JsonNode attributes) {

    public SourceRecord(String id, boolean active, JsonNode attributes) {
        this(id, active, false, attributes);
    }
}
