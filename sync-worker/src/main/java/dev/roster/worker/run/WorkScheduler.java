package dev.roster.worker.run;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

import dev.roster.worker.config.WorkerConfig;
import dev.roster.worker.discovery.DiscoveryRunner;
import dev.roster.worker.source.SourceStateService;
import dev.roster.worker.source.SourceStateService.PendingDiscovery;

/**
 * Keeps this worker's slots (roster.worker.concurrency) busy: claims queued jobs, jobs whose worker
 * vanished, and pending discoveries from the database, and runs each on its own thread. It looks every
 * poll interval, and at once when a request was just stored.
 */
@ApplicationScoped
public class WorkScheduler {

    private static final Logger LOG = Logger.getLogger(WorkScheduler.class);

    @Inject
    WorkerConfig config;

    @Inject
    SyncRunStore runs;

    @Inject
    SourceStateService sources;

    @Inject
    JobRunner jobs;

    @Inject
    DiscoveryRunner discoveries;

    @Inject
    WorkerIdentity identity;

    private Semaphore slots;
    private ExecutorService executor;
    private final Object claiming = new Object();

    /** A request was committed: look for work now rather than at the next poll. */
    public record WorkArrived() {
    }

    void onWork(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkArrived arrived) {
        synchronized (claiming) {
            init();
        }
        try {
            executor.execute(this::fill); // not on the consumer's thread, whose transaction just ended
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    @Scheduled(every = "${roster.worker.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        fill();
    }

    private void fill() {
        if (identity.stopping()) {
            return;
        }
        synchronized (claiming) {
            init();
            while (slots.tryAcquire()) {
                try {
                    Optional<RunClaim> job = runs.claim(identity.id(), config.lease());
                    if (job.isPresent()) {
                        submit(() -> jobs.run(job.get()));
                        continue;
                    }
                    Optional<PendingDiscovery> discovery = sources.claimDiscovery(config.lease());
                    if (discovery.isPresent()) {
                        submit(() -> discoveries.run(discovery.get()));
                        continue;
                    }
                    slots.release();
                    return;
                } catch (RuntimeException e) {
                    slots.release();
                    LOG.warnf("Looking for work failed: %s", e.getMessage());
                    return;
                }
            }
        }
    }

    private void submit(Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Work failed unexpectedly");
            } finally {
                slots.release();
                if (!identity.stopping()) {
                    try {
                        executor.execute(this::fill); // a slot is free: the next job need not wait for the poll
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        // shutting down
                    }
                }
            }
        });
    }

    private void init() {
        if (executor == null) {
            slots = new Semaphore(config.concurrency());
            AtomicInteger n = new AtomicInteger();
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "roster-job-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        identity.stop();
        synchronized (claiming) {
            if (executor != null) {
                executor.shutdownNow();
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("Jobs still running at shutdown; their leases run out and another worker resumes them");
                }
            }
        }
    }
}
