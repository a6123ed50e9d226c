package dev.roster.integration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What source URLs an integration may name. */
@ConfigMapping(prefix = "roster.sources")
public interface SourcesConfig {

    /** Accept plain http URLs (only for tests and local demos). */
    @WithDefault("false")
    boolean allowHttp();

    /** Accept loopback, private and link-local addresses (only for tests and local demos). */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}
