package dev.roster.integration.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The uploaded files of CSV integrations. {@code quarkus.http.limits.max-body-size} must stay above
 * {@link #maxFileSize()}, or the HTTP layer refuses a large file before this service can say why.
 */
@ConfigMapping(prefix = "roster.csv")
public interface CsvFileConfig {

    /** The largest file an upload may store; a larger one is refused with 413 and nothing of it is kept. */
    @WithDefault("200M")
    MemorySize maxFileSize();

    /**
     * How long storing one upload (or streaming one download) may take: the transaction that writes the
     * chunks stays open while the client sends them.
     */
    @WithDefault("15m")
    Duration transferTimeout();
}
