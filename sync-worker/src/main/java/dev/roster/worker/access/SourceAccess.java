package dev.roster.worker.access;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How to reach one source, as integration-service hands it to the worker for one job: the connection
 * settings and the decrypted credentials. Held only while the job runs; never logged, never stored.
 */
public record SourceAccess(UUID integrationId, String tenantId, String sourceType, JsonNode connection,
        Map<String, String> credentials) {

    public SourceAccess {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    /** A credential, or null. */
    public String secret(String name) {
        return credentials.get(name);
    }

    /** A connection setting as text, or {@code fallback}. */
    public String setting(String name, String fallback) {
        JsonNode value = connection == null ? null : connection.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
    }

    public int setting(String name, int fallback) {
        JsonNode value = connection == null ? null : connection.get(name);
        return value != null && value.canConvertToInt() ? value.asInt() : fallback;
    }

    @Override
    public String toString() {
        return "SourceAccess[integrationId=" + integrationId + ", sourceType=" + sourceType + ", credentials="
                + credentials.keySet() + " (values withheld)]";
    }
}
