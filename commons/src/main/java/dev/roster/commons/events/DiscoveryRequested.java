package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@link EventTypes#DISCOVERY_REQUESTED} on {@link Topics#SYNC_REQUESTS}: read the first pages
 * of the source and report its fields. Sent when an integration is created and when its connection or
 * credentials change. The worker fetches the credentials over REST; they never travel on Kafka.
 */
public record DiscoveryRequested(
        UUID requestId,
        UUID integrationId,
        String tenantId,
        String sourceType,
        OffsetDateTime requestedAt) {
}
