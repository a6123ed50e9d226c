package dev.roster.mapping.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import org.jboss.logging.Logger;

import dev.roster.commons.events.IntegrationCreated;
import dev.roster.commons.problem.ProblemException;
import dev.roster.mapping.domain.IntegrationMapping;
import dev.roster.mapping.domain.SourceStatuses;

@ApplicationScoped
@Transactional
public class MappingService {

    private static final Logger LOG = Logger.getLogger(MappingService.class);

    /** The unique contact ID is the email unless an admin chooses another field. */
    static final String DEFAULT_UNIQUE_ID = "email";

    /** Gives a new integration its empty mapping (version 0); an integration that has one keeps it. */
    public void createEmpty(@NotNull IntegrationCreated integration) {
        if (IntegrationMapping.findById(integration.integrationId()) != null) {
            LOG.infof("Integration %s already has a mapping", integration.integrationId());
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        IntegrationMapping mapping = new IntegrationMapping();
        mapping.integrationId = integration.integrationId();
        mapping.tenantId = integration.tenantId();
        mapping.sourceType = integration.sourceType();
        mapping.version = 0;
        mapping.uniqueIdField = DEFAULT_UNIQUE_ID;
        mapping.fields = List.of();
        mapping.exclusions = List.of();
        mapping.acceptedStatuses = SourceStatuses.activeByDefault(integration.sourceType());
        mapping.createdAt = now;
        mapping.updatedAt = now;
        mapping.persist();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public IntegrationMapping get(@NotNull String tenantId, @NotNull UUID integrationId) {
        return IntegrationMapping.findInTenant(tenantId, integrationId)
                .orElseThrow(() -> ProblemException.notFound("the mapping of integration", integrationId));
    }
}
