package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@link EventTypes#INTEGRATION_UPDATED}: what an admin changed. {@code changed} names the
 * parts ({@code name}, {@code connection}, {@code credentials}, {@code schedule}); never their secret values.
 */
public record IntegrationUpdated(
        UUID integrationId,
        String tenantId,
        String name,
        String sourceType,
        List<String> changed,
        String updatedBy,
        OffsetDateTime updatedAt) {
}
