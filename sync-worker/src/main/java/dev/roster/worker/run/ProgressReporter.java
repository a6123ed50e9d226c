package dev.roster.worker.run;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.JobProgress;
import dev.roster.commons.events.Topics;
import dev.roster.worker.config.WorkerConfig;

/**
 * Tells every second (roster.worker.progress-interval) how each running job stands, however slow its source
 * is, and renews the job's lease; a job whose lease cannot be renewed is no longer this worker's and stops.
 */
@ApplicationScoped
public class ProgressReporter {

    private static final Logger LOG = Logger.getLogger(ProgressReporter.class);

    @Inject
    WorkerConfig config;

    @Inject
    EventSender sender;

    @Inject
    SyncRunStore store;

    private final Set<RunningJob> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;

    synchronized void register(RunningJob job) {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "roster-progress");
                t.setDaemon(true);
                return t;
            });
            long every = config.progressInterval().toMillis();
            ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
        running.add(job);
    }

    void unregister(RunningJob job) {
        running.remove(job);
    }

    /** Sends a job's progress now (after its last page, so the final counts need not wait for a tick). */
    void report(RunningJob job) {
        RunClaim claim = job.claim();
        JobProgress progress = new JobProgress(claim.jobId(), claim.integrationId(), job.counts().asSyncCounts(),
                job.total(), OffsetDateTime.now(ZoneOffset.UTC));
        sender.send(Topics.SYNC_PROGRESS, claim.jobId().toString(),
                sender.envelope(EventTypes.JOB_PROGRESS, claim.jobId().toString(), claim.tenantId(), progress));
    }

    private void tick() {
        for (RunningJob job : running) {
            try {
                if (!store.renew(job.claim(), config.lease())) {
                    job.lost();
                    continue;
                }
                report(job);
            } catch (RuntimeException e) {
                LOG.warnf("Progress of job %s not reported: %s", job.claim().jobId(), e.getMessage());
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
