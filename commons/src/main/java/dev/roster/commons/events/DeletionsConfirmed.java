package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@link EventTypes#DELETIONS_CONFIRMED} on {@link Topics#CONTACT_COMMANDS}: an admin released
 * the sweep the deletion threshold held; the directory applies exactly the held removals of that job.
 */
public record DeletionsConfirmed(UUID jobId, UUID integrationId, String tenantId, String confirmedBy,
        OffsetDateTime confirmedAt) {
}
