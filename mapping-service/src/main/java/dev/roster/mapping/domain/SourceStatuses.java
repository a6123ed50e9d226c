package dev.roster.mapping.domain;

import java.util.List;
import java.util.Optional;

/**
 * The statuses each source type reports (as the worker names them) and those that count as active by default
 * (see the design's sync rules).
 */
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

    /** Every status a source of this type reports; empty for a CSV file, whose status column says anything. */
    public static Optional<List<String>> known(String sourceType) {
        return switch (sourceType) {
            case "STAFFBASE" -> Optional.of(List.of("activated", "pending", "deactivated"));
            case "ENTRA_ID" -> Optional.of(List.of("enabled", "disabled"));
            case "WORKDAY", "SCIM", "SALESFORCE" -> Optional.of(List.of("active", "inactive"));
            default -> Optional.empty();
        };
    }
}
