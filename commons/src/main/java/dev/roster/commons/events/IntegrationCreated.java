package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@link EventTypes#INTEGRATION_CREATED} on {@link Topics#INTEGRATION_EVENTS}: a source was
 * connected. Credentials never travel on Kafka.
 */
public record IntegrationCreated(
        UUID integrationId,
        String tenantId,
        String name,
        String sourceType,
        String createdBy,
        OffsetDateTime createdAt) {
}
