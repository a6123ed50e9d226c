package dev.roster.commons.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import dev.roster.commons.outbox.Outbox.OutboxWritten;
import dev.roster.commons.outbox.OutboxSender.PendingEvent;

/**
 * Publishes the outbox: woken after every commit that wrote an event, and by a poll that catches what a
 * crash left behind. Rows are locked, sent in write order, acknowledged by the broker and only then marked
 * published, all in one transaction: a failed send leaves them for the next attempt (at-least-once; the
 * consumers drop duplicates by event id). A transaction-scoped advisory lock lets one replica relay at a
 * time, which keeps the order per key across replicas.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x526f73746572L; // "Roster"

    @Inject
    EntityManager em;

    @Inject
    OutboxSender sender;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry registry;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean stopping;
    private Counter published;
    private Counter failures;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wake();
    }

    @Scheduled(every = "${roster.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Asks the relay thread to drain the outbox; wakes while a drain is queued are merged into it. */
    public void wake() {
        if (config.enabled() && !stopping && wakeQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    wakeQueued.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: what is left is relayed after the next start
            }
        }
    }

    private void drain() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::publishBatch) == config.batchSize()) {
                // a full batch: there may be more
            }
        } catch (Exception e) {
            failures().increment();
            LOG.warnf("Outbox relay could not publish, will retry: %s", e.getMessage());
        }
    }

    /** Publishes one batch in the current transaction and returns how many events it sent. */
    int publishBatch() throws Exception {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, LOCK_KEY).getSingleResult();
        if (!locked) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, topic, event_key, payload FROM outbox_event"
                + " WHERE published_at IS NULL ORDER BY seq LIMIT ?1")
                .setParameter(1, config.batchSize()).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<PendingEvent> events = new ArrayList<>(rows.size());
        List<UUID> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            ids.add(id);
            events.add(new PendingEvent(id.toString(), (String) row[1], (String) row[2], (String) row[3]));
        }
        sender.sendAll(events);
        em.createNativeQuery("UPDATE outbox_event SET published_at = ?1 WHERE id = ANY(?2)")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(2, ids.toArray(UUID[]::new))
                .executeUpdate();
        published().increment(events.size());
        return events.size();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deletePublished() {
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("DELETE FROM outbox_event WHERE published_at < ?1")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()))
                .executeUpdate());
    }

    private Counter published() {
        if (published == null) {
            published = registry.counter("roster.outbox.published");
        }
        return published;
    }

    private Counter failures() {
        if (failures == null) {
            failures = registry.counter("roster.outbox.failures");
        }
        return failures;
    }

    /** Stops relaying when the application shuts down, before the database connections close. */
    void onShutdown(@Observes io.quarkus.runtime.ShutdownEvent event) throws InterruptedException {
        stop();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
