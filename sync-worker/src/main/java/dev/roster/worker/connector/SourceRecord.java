package dev.roster.worker.connector;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One person as the source describes them: the source's id, whether the source counts them as active, and
 * the source's own attributes, untouched (the mapping decides what becomes of them).
 */
public record SourceRecord(String id, boolean active, JsonNode attributes) {
}
