package dev.roster.integration.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import org.jboss.logging.Logger;

import dev.roster.commons.events.DeletionsConfirmed;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.SyncRequested;
import dev.roster.commons.events.SyncRequested.SyncMode;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.commons.problem.ProblemException;
import dev.roster.integration.config.SyncConfig;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.domain.JobState;
import dev.roster.integration.domain.SourceType;
import dev.roster.integration.domain.SyncJob;
import dev.roster.integration.domain.SyncJob.Trigger;
import dev.roster.integration.schedule.Schedules;

/** Starts sync jobs, one per integration at a time, and hands them to the workers through the outbox. */
@ApplicationScoped
@Transactional
public class SyncJobService {

    private static final Logger LOG = Logger.getLogger(SyncJobService.class);

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    @Inject
    Schedules schedules;

    @Inject
    SyncConfig config;

    @Inject
    EntityManager em;

    /** Starts a manual sync, or answers 409 naming the job that is already queued or running. */
    public SyncJob startManual(@NotNull String tenantId, @NotNull UUID integrationId, @NotNull String subject) {
        Integration integration = Integration.findInTenant(tenantId, integrationId)
                .orElseThrow(() -> ProblemException.notFound("integration", integrationId));
        em.lock(integration, LockModeType.PESSIMISTIC_WRITE);
        SyncJob running = SyncJob.activeOf(integrationId).orElse(null);
        if (running != null) {
            throw new ProblemException(ProblemException.conflict("job " + running.id + " of this integration is "
                    + running.state.name().toLowerCase() + "; a sync can start when it has ended").problem()
                    .with("runningJobId", running.id));
        }
        return start(integration, Trigger.MANUAL, subject, now());
    }

    /**
     * Starts the jobs of integrations whose schedule is due. Due rows are locked and skipped by other
     * replicas, so each due sync starts once however many schedulers run. Returns how many started.
     */
    public int startDue(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("SELECT id FROM integration WHERE schedule_paused = FALSE"
                + " AND next_run_at <= ?1 ORDER BY next_run_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now).setParameter(2, config.schedulerBatch()).getResultList();
        int started = 0;
        for (UUID id : due) {
            Integration integration = Integration.findById(id);
            if (SyncJob.activeOf(id).isPresent()) {
                // Still busy with the last one: try again at the next due time.
                integration.nextRunAt = schedules.nextRun(integration, now).orElse(null);
                continue;
            }
            start(integration, Trigger.SCHEDULE, null, now);
            started++;
        }
        return started;
    }

    /** Hands jobs whose worker went quiet to another worker, or fails them after the last attempt. */
    public int reassignStalled(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<UUID> stalled = em.createNativeQuery("SELECT id FROM sync_job WHERE state IN ('QUEUED', 'RUNNING')"
                + " AND last_progress_at < ?1 ORDER BY last_progress_at LIMIT 100 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now.minus(config.stallTimeout())).getResultList();
        for (UUID id : stalled) {
            SyncJob job = SyncJob.findById(id);
            Integration integration = Integration.findById(job.integrationId);
            if (job.attempt >= config.maxAttempts()) {
                LOG.warnf("Job %s gave no sign of life after %d attempts: failed", job.id, job.attempt);
                JobLifecycle.fail(job, integration, "no worker reported progress for "
                        + config.stallTimeout().toMinutes() + " minutes, " + job.attempt + " times", now, schedules);
                continue;
            }
            job.attempt++;
            job.lastProgressAt = now;
            LOG.infof("Job %s gave no sign of life for %s: handing it over (attempt %d)", job.id,
                    config.stallTimeout(), job.attempt);
            request(job, integration, now);
        }
        return stalled.size();
    }

    /** Releases the removals the deletion threshold held; the directory applies exactly those. */
    public SyncJob confirmDeletions(@NotNull String tenantId, @NotNull UUID integrationId, @NotNull UUID jobId,
            @NotNull String subject) {
        SyncJob job = get(tenantId, integrationId, jobId);
        if (job.state != JobState.AWAITING_CONFIRMATION) {
            throw ProblemException.conflict("job " + jobId + " is " + job.state + "; only a job awaiting"
                    + " confirmation has deletions to confirm");
        }
        if (job.deletionsConfirmedAt != null) {
            throw ProblemException.conflict("the deletions of job " + jobId + " were confirmed by "
                    + job.deletionsConfirmedBy + " at " + job.deletionsConfirmedAt);
        }
        OffsetDateTime now = now();
        job.deletionsConfirmedAt = now;
        job.deletionsConfirmedBy = subject;
        job.lastProgressAt = now;
        outbox.publish(Topics.CONTACT_COMMANDS, integrationId.toString(), codec.envelope(IntegrationService.SOURCE,
                EventTypes.DELETIONS_CONFIRMED, job.id.toString(), tenantId,
                new DeletionsConfirmed(job.id, integrationId, tenantId, subject, now)));
        LOG.infof("Deletions of job %s confirmed by %s", job.id, subject);
        return job;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SyncJob get(@NotNull String tenantId, @NotNull UUID integrationId, @NotNull UUID jobId) {
        return SyncJob.findInTenant(tenantId, integrationId, jobId)
                .orElseThrow(() -> ProblemException.notFound("sync job", jobId));
    }

    /** The integration's jobs, newest first, a page after the given position. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SyncJob> history(@NotNull String tenantId, @NotNull UUID integrationId, PageCursor after, int limit) {
        Integration.findInTenant(tenantId, integrationId)
                .orElseThrow(() -> ProblemException.notFound("integration", integrationId));
        String query = "tenantId = :tenant and integrationId = :integration";
        Map<String, Object> params = new java.util.HashMap<>(Map.of("tenant", tenantId, "integration", integrationId));
        if (after != null) {
            query += " and (createdAt < :at or (createdAt = :at and id < :id))";
            params.put("at", after.createdAt());
            params.put("id", after.id());
        }
        return SyncJob.<SyncJob>find(query + " order by createdAt desc, id desc", params).page(0, limit).list();
    }

    private SyncJob start(Integration integration, Trigger trigger, String subject, OffsetDateTime now) {
        SyncJob job = new SyncJob();
        job.id = UUID.randomUUID();
        job.integrationId = integration.id;
        job.tenantId = integration.tenantId;
        job.state = JobState.QUEUED;
        job.mode = modeFor(integration, trigger, now);
        job.trigger = trigger;
        job.requestedBy = subject;
        job.attempt = 1;
        job.createdAt = now;
        job.lastProgressAt = now;
        job.persist();

        // "Every 24 hours from the last sync": a manual sync resets the schedule's clock too.
        integration.lastSyncAt = now;
        integration.nextRunAt = schedules.nextRun(integration, now).orElse(null);
        request(job, integration, now);
        LOG.infof("Job %s (%s, %s) queued for integration %s", job.id, job.mode, trigger, integration.id);
        return job;
    }

    private void request(SyncJob job, Integration integration, OffsetDateTime now) {
        SyncRequested requested = new SyncRequested(job.id, integration.id, integration.tenantId,
                integration.sourceType.name(), job.mode, job.trigger.name(), job.attempt, now);
        outbox.publish(Topics.SYNC_REQUESTS, integration.id.toString(), codec.envelope(IntegrationService.SOURCE,
                EventTypes.SYNC_REQUESTED, job.id.toString(), integration.tenantId, requested));
    }

    /**
     * Full, except for sources with delta queries (Entra ID) on schedule, which sync incrementally between
     * full syncs at least {@code roster.sync.full-sync-every} apart.
     */
    private SyncMode modeFor(Integration integration, Trigger trigger, OffsetDateTime now) {
        if (integration.sourceType != SourceType.ENTRA_ID || trigger == Trigger.MANUAL) {
            return SyncMode.FULL;
        }
        long recentFull = SyncJob.count("integrationId = ?1 and mode = ?2 and state in ?3 and createdAt > ?4",
                integration.id, SyncMode.FULL, List.of(JobState.SUCCEEDED, JobState.SUCCEEDED_WITH_ERRORS),
                now.minus(config.fullSyncEvery()));
        return recentFull > 0 ? SyncMode.INCREMENTAL : SyncMode.FULL;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
