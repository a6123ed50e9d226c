package dev.roster.commons.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "roster.outbox")
public interface OutboxConfig {

    /** Whether this instance relays the outbox to Kafka. */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for events it was not woken for (after a crash, or written elsewhere). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events sent per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long published events are kept before they are deleted. */
    @WithDefault("P7D")
    Duration retention();

    /** How long one batch may wait for the broker's acknowledgement before the relay tries again. */
    @WithDefault("30s")
    Duration sendTimeout();
}
