package dev.roster.directory.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import dev.roster.commons.events.IntegrationCreated;

@ApplicationScoped
@Transactional
public class SourceIntegrationService {

    /** Registers a new integration as a source of its tenant's contacts; a known one stays as it is. */
    public void register(@NotNull IntegrationCreated created) {
        if (SourceIntegration.findById(created.integrationId()) != null) {
            return;
        }
        SourceIntegration source = new SourceIntegration();
        source.integrationId = created.integrationId();
        source.tenantId = created.tenantId();
        source.name = created.name();
        source.sourceType = created.sourceType();
        source.createdAt = created.createdAt();
        source.persist();
    }
}
