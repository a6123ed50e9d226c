package dev.roster.worker.run;

import java.util.UUID;

import dev.roster.commons.events.SyncCounts;
import dev.roster.commons.events.SyncRequested.SyncMode;

/**
 * A job a worker has claimed, as its checkpoint left it: where to go on reading ({@code cursor}, null to
 * start), the next batch and error-batch numbers, and the counts so far.
 *
 * @param mode the mode a previous attempt settled on, or null if none started reading
 * @param claims how many times a worker has taken the job, this time included
 */
public record RunClaim(UUID jobId, UUID integrationId, String tenantId, String sourceType, SyncMode requestedMode,
        SyncMode mode, int attempt, String owner, String cursor, long nextSequence, long nextErrorBatch,
        Counts counts, Long total, int claims) {

    /** The worker's own counts of a job. */
    public record Counts(long fetched, long skippedInactive, long skippedExcluded, long failed) {

        public SyncCounts asSyncCounts() {
            return new SyncCounts(fetched, null, null, null, null, skippedExcluded, skippedInactive, failed);
        }
    }
}
