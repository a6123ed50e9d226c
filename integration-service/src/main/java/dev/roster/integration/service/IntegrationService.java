package dev.roster.integration.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.IntegrationCreated;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.commons.problem.ProblemException;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.domain.SourceType;

/** Integrations and the events that tell the other services about them. */
@ApplicationScoped
@Transactional
public class IntegrationService {

    static final String SOURCE = "/roster/integration-service";

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    /** Stores the integration and, in the same transaction, the event that announces it. */
    public Integration create(@NotNull String tenantId, @NotNull String subject, @NotNull String name,
            @NotNull @Valid SourceType sourceType) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Integration integration = new Integration();
        integration.id = UUID.randomUUID();
        integration.tenantId = tenantId;
        integration.name = name.strip();
        integration.sourceType = sourceType;
        integration.createdBy = subject;
        integration.createdAt = now;
        integration.updatedAt = now;
        integration.persist();

        IntegrationCreated created = new IntegrationCreated(integration.id, tenantId, integration.name,
                sourceType.name(), subject, now);
        outbox.publish(Topics.INTEGRATION_EVENTS, integration.id.toString(),
                codec.envelope(SOURCE, EventTypes.INTEGRATION_CREATED, integration.id.toString(), tenantId, created));
        return integration;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Integration get(@NotNull String tenantId, @NotNull UUID id) {
        return Integration.findInTenant(tenantId, id).orElseThrow(() -> ProblemException.notFound("integration", id));
    }
}
