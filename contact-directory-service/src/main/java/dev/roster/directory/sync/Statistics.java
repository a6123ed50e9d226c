package dev.roster.directory.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refreshes the planner's statistics of the contact tables after a sync changed many rows. Without them a
 * freshly loaded directory is planned as if it were nearly empty: a filtered, sorted page then reads and sorts
 * every match instead of walking the index in order, hundreds of times slower. Autovacuum catches up on its own
 * eventually; this closes the gap right after the job, on a thread of its own, after the commit.
 */
@ApplicationScoped
public class Statistics {

    private static final Logger LOG = Logger.getLogger(Statistics.class);

    /** Fired by a transaction that changed this many contacts or links. */
    public record ContactsChanged(long rows) {
    }

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "roster.directory.analyze-after-changes", defaultValue = "10000")
    long threshold;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "contact-analyze"));
    private final AtomicBoolean queued = new AtomicBoolean();

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContactsChanged changed) {
        if (changed.rows() >= threshold && queued.compareAndSet(false, true)) {
            try {
                worker.execute(this::analyze);
            } catch (RejectedExecutionException e) {
                queued.set(false); // shutting down; autovacuum will get to it
            }
        }
    }

    private void analyze() {
        queued.set(false);
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE contact, contact_link");
            LOG.debugf("Contact statistics refreshed in %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            LOG.warnf("Could not refresh the contact statistics (autovacuum will): %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
