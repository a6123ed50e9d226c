package dev.roster.worker.connector;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One person as the source describes them: the source's id, their status there (in the words mapping-service
 * offers as accepted statuses: Staffbase {@code activated}, {@code pending}, {@code deactivated}; Entra ID
 * {@code enabled}/{@code disabled}; SCIM, Salesforce and Workday {@code active}/{@code inactive}), whether the
 * source itself counts them as active, and the source's own attributes, untouched (the mapping decides what
 * becomes of them). A person the source reports as removed (Graph's {@code @removed}) is inactive and
 * {@code removed}.
 */
public record SourceRecord(String id, String status, boolean active, boolean removed, JsonNode attributes) {

    public SourceRecord(String id, String status, boolean active, JsonNode attributes) {
        this(id, status, active, false, attributes);
    }

    /** The status of a source that knows only active or not. */
    public static String activeOrNot(boolean active) {
        return active ? "active" : "inactive";
    }
}
