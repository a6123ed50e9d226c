package dev.roster.integration.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/** Starts due syncs and hands over jobs whose worker went quiet; safe with any number of replicas. */
@ApplicationScoped
public class SyncScheduler {

    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);

    @Inject
    SyncJobService jobs;

    @Scheduled(every = "${roster.scheduler.every:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            int started;
            do {
                started = QuarkusTransaction.requiringNew().call(() -> jobs.startDue(SyncJobService.now()));
            } while (started > 0);
            QuarkusTransaction.requiringNew().call(() -> jobs.reassignStalled(SyncJobService.now()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "The sync scheduler failed this round; it tries again at the next");
        }
    }
}
