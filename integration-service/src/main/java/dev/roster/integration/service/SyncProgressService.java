package dev.roster.integration.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.roster.commons.events.DiscoveryFailed;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.FieldsDiscovered;
import dev.roster.commons.events.JobCompleted;
import dev.roster.commons.events.JobFailed;
import dev.roster.commons.events.JobProgress;
import dev.roster.commons.events.JobStarted;
import dev.roster.commons.events.RecordErrors;
import dev.roster.commons.events.RecordErrors.RecordError;
import dev.roster.integration.domain.ConnectionCheck;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.domain.SyncJob;
import dev.roster.integration.schedule.Schedules;

/** Applies what workers and the directory report about jobs (see {@link JobLifecycle} for the rules). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SyncProgressService {

    private static final Logger LOG = Logger.getLogger(SyncProgressService.class);

    /** Errors of one batch are numbered from batch × this; a batch holds fewer errors than that. */
    static final long ERRORS_PER_BATCH = 1L << 20;

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @Inject
    Schedules schedules;

    public void apply(EventEnvelope event) {
        switch (event.type()) {
            case EventTypes.JOB_STARTED -> {
                JobStarted started = codec.data(event, JobStarted.class);
                job(started.jobId()).ifPresent(job -> JobLifecycle.started(job, started.workerId(),
                        started.mappingVersion(), SyncJobService.now()));
            }
            case EventTypes.JOB_PROGRESS -> {
                JobProgress progress = codec.data(event, JobProgress.class);
                job(progress.jobId()).ifPresent(job -> JobLifecycle.progressed(job, progress.counts(), progress.total(),
                        SyncJobService.now()));
            }
            case EventTypes.RECORD_ERRORS -> recordErrors(codec.data(event, RecordErrors.class));
            case EventTypes.JOB_COMPLETED -> {
                JobCompleted completed = codec.data(event, JobCompleted.class);
                job(completed.jobId()).ifPresent(job -> JobLifecycle.completed(job, integrationOf(job),
                        completed.outcome() == JobCompleted.Outcome.AWAITING_CONFIRMATION, completed.heldRemovals(),
                        completed.counts(), SyncJobService.now(), schedules));
            }
            case EventTypes.JOB_FAILED -> {
                JobFailed failed = codec.data(event, JobFailed.class);
                job(failed.jobId()).ifPresent(job -> JobLifecycle.fail(job, integrationOf(job), failed.reason(),
                        SyncJobService.now(), schedules));
            }
            case EventTypes.FIELDS_DISCOVERED -> {
                FieldsDiscovered discovered = codec.data(event, FieldsDiscovered.class);
                checked(discovered.integrationId(), discovered.requestId(), null, discovered.fields().size(),
                        discovered.discoveredAt());
            }
            case EventTypes.DISCOVERY_FAILED -> {
                DiscoveryFailed failed = codec.data(event, DiscoveryFailed.class);
                checked(failed.integrationId(), failed.requestId(), failed.reason(), null, failed.at());
            }
            default -> LOG.debugf("Ignoring %s on the progress topic", event.type());
        }
    }

    private void recordErrors(RecordErrors batch) {
        java.util.Optional<SyncJob> job = job(batch.jobId());
        if (job.isEmpty()) {
            return;
        }
        if (job.get().state.isActive()) {
            job.get().lastProgressAt = SyncJobService.now(); // a worker reporting errors is alive
        }
        long seq = batch.batch() * ERRORS_PER_BATCH;
        for (RecordError error : batch.errors()) {
            em.createNativeQuery("INSERT INTO sync_job_error (job_id, seq, source_record_id, field, reason)"
                    + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
                    .setParameter(1, batch.jobId()).setParameter(2, seq++).setParameter(3, error.sourceRecordId())
                    .setParameter(4, error.field()).setParameter(5, error.reason())
                    .executeUpdate();
        }
    }

    /** The worker's answer to a discovery request; an answer to an older request than the newest is ignored. */
    private void checked(UUID integrationId, UUID requestId, String error, Integer fields, OffsetDateTime at) {
        ConnectionCheck check = ConnectionCheck.findById(integrationId, LockModeType.PESSIMISTIC_WRITE);
        if (check == null || !check.requestId.equals(requestId)) {
            LOG.debugf("Discovery answer %s of integration %s is not the newest request's", requestId, integrationId);
            return;
        }
        check.status = error == null ? ConnectionCheck.Status.OK : ConnectionCheck.Status.FAILED;
        check.error = error;
        check.fields = fields;
        check.checkedAt = at;
    }

    /** The job, locked: reports of one job are applied one after the other. Unknown jobs are ignored. */
    private java.util.Optional<SyncJob> job(UUID jobId) {
        SyncJob job = SyncJob.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            LOG.warnf("Progress for unknown job %s ignored", jobId);
        }
        return java.util.Optional.ofNullable(job);
    }

    private Integration integrationOf(SyncJob job) {
        return Integration.findById(job.integrationId, LockModeType.PESSIMISTIC_WRITE);
    }
}
