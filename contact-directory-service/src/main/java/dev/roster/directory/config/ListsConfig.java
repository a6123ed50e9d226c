package dev.roster.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of distribution lists. */
@ConfigMapping(prefix = "roster.directory.lists")
public interface ListsConfig {

    /**
     * At most this many contacts are added to or removed from a static list by one selection (filter, q, source):
     * one bounded statement and as many events in one transaction. A larger selection is refused.
     */
    @WithDefault("100000")
    int maxSelected();
}
