package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@link EventTypes#JOB_COMPLETED}, sent by the directory once it has applied every batch and
 * the sweep: the job ends with {@code outcome}. {@code AWAITING_CONFIRMATION} means the sweep would remove
 * more than the deletion threshold and waits for an admin.
 */
public record JobCompleted(UUID jobId, UUID integrationId, Outcome outcome, SyncCounts counts, Long heldRemovals,
        OffsetDateTime at) {

    public enum Outcome {
        SUCCEEDED, AWAITING_CONFIRMATION
    }
}
