package dev.roster.integration.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How jobs are started, watched and backed off. ({@code roster.scheduler.every}, 30s by default or
 * {@code off}, sets how often the scheduler runs; see SyncScheduler.)
 */
@ConfigMapping(prefix = "roster.sync")
public interface SyncConfig {

    /** Due integrations started per scheduler transaction. */
    @WithDefault("100")
    int schedulerBatch();

    /** A queued or running job with no progress for this long is handed to another worker. */
    @WithDefault("10m")
    Duration stallTimeout();

    /** How many workers a job may be handed to before it fails. */
    @WithDefault("3")
    int maxAttempts();

    /** After this many failed jobs in a row, the schedule backs off to one attempt a day. */
    @WithDefault("5")
    int backoffAfterFailures();

    /** An Entra ID full sync at least this often; delta syncs in between. */
    @WithDefault("24h")
    Duration fullSyncEvery();
}
