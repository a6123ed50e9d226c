package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The data of {@link EventTypes#INTEGRATION_DELETED}: the source is disconnected. */
public record IntegrationDeleted(
        UUID integrationId,
        String tenantId,
        String sourceType,
        String deletedBy,
        OffsetDateTime deletedAt) {
}
