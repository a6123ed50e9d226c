package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@link EventTypes#DISCOVERY_FAILED} on {@link Topics#SYNC_PROGRESS}: the source's fields could
 * not be read (credentials refused, source unreachable...); {@code reason} says why, for the admin.
 */
public record DiscoveryFailed(UUID requestId, UUID integrationId, String sourceType, String reason,
        OffsetDateTime at) {
}
