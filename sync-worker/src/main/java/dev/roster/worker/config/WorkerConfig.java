package dev.roster.worker.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the worker runs jobs; every setting has a default that suits production. */
@ConfigMapping(prefix = "roster.worker")
public interface WorkerConfig {

    /** Where integration-service answers the worker's internal requests (connection, credentials, files). */
    URI integrationServiceUrl();

    /** Jobs and discoveries this worker runs at once. */
    @WithDefault("2")
    int concurrency();

    /** How often an idle worker looks for queued or abandoned jobs (a new request wakes it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a job stays a worker's without a sign of life before another worker may resume it. */
    @WithDefault("30s")
    Duration lease();

    /**
     * A job taken this many times without ending (its workers died or failed unexpectedly each time) fails
     * rather than being taken again.
     */
    @WithDefault("5")
    int maxClaims();

    /** Progress is reported this often while a job runs, whatever the source's pace. */
    @WithDefault("1s")
    Duration progressInterval();

    /** The cursor is stored at most this often (and after the last page). */
    @WithDefault("2s")
    Duration checkpointInterval();

    /** Contacts per upsert batch on roster.contact-commands. */
    @WithDefault("500")
    int batchSize();

    /** A batch is sent early once its contacts' text passes this many characters (Kafka's record limit). */
    @WithDefault("400000")
    int batchChars();

    /** Per-record errors per RecordErrors event. */
    @WithDefault("200")
    int errorBatchSize();

    /** How many source records discovery reads to derive the fields and their samples. */
    @WithDefault("200")
    int discoveryRecords();

    /** How the connectors call the sources. */
    Source source();

    interface Source {

        @WithDefault("10s")
        Duration connectTimeout();

        @WithDefault("60s")
        Duration readTimeout();

        /** Retries of a request that met 429, 5xx or a timeout. */
        @WithDefault("5")
        int maxRetries();

        @WithDefault("500ms")
        Duration firstBackoff();

        @WithDefault("60s")
        Duration maxBackoff();

        /** Requests per second to one source (0: no limit). */
        @WithDefault("10")
        double requestsPerSecond();
    }
}
