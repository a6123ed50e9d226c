package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@link EventTypes#SYNC_REQUESTED} on {@link Topics#SYNC_REQUESTS}: run this job. Sent again
 * with a higher {@code attempt} when the job's worker stopped reporting; the next worker resumes from the
 * job's stored checkpoint, or from the start (upserts are idempotent).
 */
public record SyncRequested(
        UUID jobId,
        UUID integrationId,
        String tenantId,
        String sourceType,
        SyncMode mode,
        String trigger,
        int attempt,
        OffsetDateTime requestedAt) {

    public enum SyncMode {
        FULL, INCREMENTAL
    }
}
