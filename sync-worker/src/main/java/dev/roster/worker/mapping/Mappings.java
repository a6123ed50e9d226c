package dev.roster.worker.mapping;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The mapping in force for an integration. Until mapping-service publishes mappings, every integration
 * uses the built-in default of its source type ({@link DefaultMappings}), version null.
 */
@ApplicationScoped
public class Mappings {

    public Mapping current(UUID integrationId, String sourceType) {
        return DefaultMappings.forSource(sourceType);
    }
}
