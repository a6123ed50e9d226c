package dev.roster.worker.run;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.JobFailed;
import dev.roster.commons.events.SyncEnded;
import dev.roster.commons.events.SyncRequested.SyncMode;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.worker.run.RunClaim.Counts;
import dev.roster.worker.source.SourceStateService;

/**
 * Ends a job exactly once: the job's row and the event that announces the end ({@link SyncEnded} to the
 * directory, or {@link JobFailed}) are written in one transaction, the event through the outbox. A worker
 * that lost the job writes neither.
 */
@ApplicationScoped
public class JobEnding {

    @Inject
    SyncRunStore store;

    @Inject
    Outbox outbox;

    @Inject
    SourceStateService sources;

    @Inject
    EventCodec codec;

    /** The source was read to the end: announce it to the directory, which sweeps after a full read. */
    @Transactional
    public boolean ended(RunClaim claim, SyncMode mode, long batches, Counts counts, Long total, String deltaLink) {
        if (!store.end(claim, false, mode, batches, counts, total, null)) {
            return false;
        }
        if (deltaLink != null || mode == SyncMode.FULL) {
            sources.deltaLink(claim.integrationId(), claim.tenantId(), claim.sourceType(), deltaLink,
                    mode == SyncMode.FULL ? claim.jobId() : null);
        }
        publishEnded(claim, new SyncEnded(claim.jobId(), claim.integrationId(), mode, mode == SyncMode.FULL, batches,
                counts.asSyncCounts(), OffsetDateTime.now(ZoneOffset.UTC)), claim.tenantId());
        return true;
    }

    @Transactional
    public boolean failed(RunClaim claim, SyncMode mode, long batches, Counts counts, Long total, String reason) {
        if (!store.end(claim, true, mode, batches, counts, total, reason)) {
            return false;
        }
        publishFailed(claim.jobId(), claim.integrationId(), claim.tenantId(), reason);
        return true;
    }

    void publishEnded(RunClaim claim, SyncEnded ended, String tenantId) {
        outbox.publish(Topics.CONTACT_COMMANDS, claim.integrationId().toString(), codec.envelope(EventSender.SOURCE,
                EventTypes.SYNC_ENDED, claim.jobId().toString(), tenantId, ended));
    }

    void publishFailed(java.util.UUID jobId, java.util.UUID integrationId, String tenantId, String reason) {
        outbox.publish(Topics.SYNC_PROGRESS, jobId.toString(), codec.envelope(EventSender.SOURCE,
                EventTypes.JOB_FAILED, jobId.toString(), tenantId,
                new JobFailed(jobId, integrationId, reason, OffsetDateTime.now(ZoneOffset.UTC))));
    }
}
