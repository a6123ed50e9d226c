package dev.roster.integration.service;

import java.time.OffsetDateTime;

import dev.roster.commons.events.SyncCounts;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.domain.JobState;
import dev.roster.integration.domain.SyncJob;
import dev.roster.integration.schedule.Schedules;

/**
 * The rules of a job's life, whatever order reports arrive in: counts only grow, a job starts at most
 * once, and a job that ended stays ended (only a held sweep, once confirmed, may still succeed).
 */
final class JobLifecycle {

    private JobLifecycle() {
    }

    static void started(SyncJob job, String workerId, Integer mappingVersion, OffsetDateTime at) {
        if (!job.state.isActive()) {
            return;
        }
        job.state = JobState.RUNNING;
        job.workerId = workerId;
        if (mappingVersion != null) {
            job.mappingVersion = mappingVersion;
        }
        if (job.startedAt == null) {
            job.startedAt = at;
        }
        job.lastProgressAt = at;
    }

    static void progressed(SyncJob job, SyncCounts counts, Long total, OffsetDateTime at) {
        addCounts(job, counts);
        if (total != null) {
            job.total = total;
        }
        if (job.state == JobState.QUEUED) {
            job.state = JobState.RUNNING;
            job.startedAt = at;
        }
        if (job.state.isActive()) {
            job.lastProgressAt = at;
        }
    }

    /** The directory applied everything: the job succeeds, or waits for its held removals to be confirmed. */
    static void completed(SyncJob job, Integration integration, boolean awaitingConfirmation, Long heldRemovals,
            SyncCounts counts, OffsetDateTime at, Schedules schedules) {
        boolean releasedHold = job.state == JobState.AWAITING_CONFIRMATION && job.deletionsConfirmedAt != null
                && !awaitingConfirmation;
        if (!job.state.isActive() && !releasedHold) {
            return;
        }
        addCounts(job, counts);
        job.finishedAt = at;
        job.lastProgressAt = at;
        if (awaitingConfirmation) {
            job.state = JobState.AWAITING_CONFIRMATION;
            job.heldRemovals = heldRemovals;
        } else {
            job.state = job.failed > 0 ? JobState.SUCCEEDED_WITH_ERRORS : JobState.SUCCEEDED;
            job.heldRemovals = null;
        }
        integration.lastSyncState = job.state;
        integration.lastError = null;
        integration.consecutiveFailures = 0;
        integration.nextRunAt = schedules.nextRun(integration, at).orElse(null);
    }

    static void fail(SyncJob job, Integration integration, String reason, OffsetDateTime at, Schedules schedules) {
        if (!job.state.isActive()) {
            return;
        }
        job.state = JobState.FAILED;
        job.error = reason;
        job.finishedAt = at;
        job.lastProgressAt = at;
        integration.lastSyncState = JobState.FAILED;
        integration.lastError = reason;
        integration.consecutiveFailures++;
        integration.nextRunAt = schedules.nextRun(integration, at).orElse(null);
    }

    private static void addCounts(SyncJob job, SyncCounts counts) {
        if (counts == null) {
            return;
        }
        job.fetched = max(job.fetched, counts.fetched());
        job.created = max(job.created, counts.created());
        job.updated = max(job.updated, counts.updated());
        job.unchanged = max(job.unchanged, counts.unchanged());
        job.removed = max(job.removed, counts.removed());
        job.skippedExcluded = max(job.skippedExcluded, counts.skippedExcluded());
        job.skippedInactive = max(job.skippedInactive, counts.skippedInactive());
        job.failed = max(job.failed, counts.failed());
    }

    private static long max(long stored, Long reported) {
        return reported == null ? stored : Math.max(stored, reported);
    }
}
