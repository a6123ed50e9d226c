package dev.roster.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The accidental-deletion threshold: a sweep that would remove more than {@code share} of an integration's
 * contacts, and more than {@code floor}, is held until an admin confirms it.
 */
@ConfigMapping(prefix = "roster.directory.deletion-threshold")
public interface DeletionThresholdConfig {

    @WithDefault("0.10")
    double share();

    @WithDefault("10")
    long floor();

    /** Whether removing {@code removals} of {@code total} contacts needs a confirmation. */
    default boolean holds(long removals, long total) {
        return removals > floor() && removals > share() * total;
    }
}
