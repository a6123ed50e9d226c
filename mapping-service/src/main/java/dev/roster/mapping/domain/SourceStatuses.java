package dev.roster.mapping.domain;

import java.util.List;

/** The source statuses that count as active by default, per source type (see the design's sync rules). */
public final class SourceStatuses {

    private SourceStatuses() {
    }

    public static List<String> activeByDefault(String sourceType) {
        return switch (sourceType) {
            // The admins' "Registered" and "Pending".
            case "STAFFBASE" -> List.of("activated", "pending");
            // accountEnabled = true
            case "ENTRA_ID" -> List.of("enabled");
            // Workday lists only non-terminated workers; SCIM and Salesforce carry an active flag.
            case "WORKDAY", "SCIM", "SALESFORCE" -> List.of("active");
            default -> List.of();
        };
    }
}
