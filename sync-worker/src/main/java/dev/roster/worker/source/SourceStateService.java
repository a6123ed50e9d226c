package dev.roster.worker.source;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import dev.roster.commons.events.IntegrationCreated;
import dev.roster.worker.source.SourceState.DiscoveryStatus;

@ApplicationScoped
@Transactional
public class SourceStateService {

    /** Starts tracking a new source, whose fields are yet to be discovered; a known one stays as it is. */
    public void track(@NotNull IntegrationCreated created) {
        if (SourceState.findById(created.integrationId()) != null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        SourceState state = new SourceState();
        state.integrationId = created.integrationId();
        state.tenantId = created.tenantId();
        state.sourceType = created.sourceType();
        state.discoveryStatus = DiscoveryStatus.PENDING;
        state.createdAt = now;
        state.updatedAt = now;
        state.persist();
    }
}
