package dev.roster.worker.source;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import dev.roster.commons.events.DiscoveryRequested;
import dev.roster.commons.events.IntegrationCreated;
import dev.roster.worker.source.SourceState.DiscoveryStatus;

/** The worker's memory of each source: whether its fields await discovery, and its Graph delta link. */
@ApplicationScoped
@Transactional
public class SourceStateService {

    @Inject
    EntityManager em;

    /** Starts tracking a new source, whose fields are yet to be discovered; a known one stays as it is. */
    public void track(@NotNull IntegrationCreated created) {
        create(created.integrationId(), created.tenantId(), created.sourceType());
    }

    /** Asks for the source's fields to be read (again); the newest request is the one answered. */
    public void discoveryRequested(@NotNull DiscoveryRequested request) {
        SourceState state = SourceState.findById(request.integrationId());
        if (state == null) {
            state = create(request.integrationId(), request.tenantId(), request.sourceType());
        }
        state.discoveryStatus = DiscoveryStatus.PENDING;
        state.discoveryRequestId = request.requestId();
        state.discoveryLeaseUntil = null;
        state.updatedAt = now();
    }

    /** Forgets a deleted integration's source. */
    public void forget(UUID integrationId) {
        SourceState.deleteById(integrationId);
    }

    /** Where an incremental read starts; null when there is none or the next read must be a full one. */
    public String deltaLink(UUID integrationId) {
        SourceState state = SourceState.findById(integrationId);
        return state == null || state.fullSyncRequiredSince != null ? null : state.deltaLink;
    }

    /**
     * Keeps the delta link a read ended with (null: none), for the next incremental read; a full read that
     * started after a full sync was required ({@code fullReadJob}, null for an incremental read) satisfies it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deltaLink(UUID integrationId, String tenantId, String sourceType, String deltaLink,
            UUID fullReadJob) {
        SourceState state = SourceState.findById(integrationId);
        if (state == null) {
            state = create(integrationId, tenantId, sourceType);
        }
        state.deltaLink = deltaLink;
        if (fullReadJob != null && state.fullSyncRequiredSince != null && startedAfter(fullReadJob,
                state.fullSyncRequiredSince)) {
            state.fullSyncRequiredSince = null;
        }
        state.updatedAt = now();
    }

    private boolean startedAfter(UUID jobId, OffsetDateTime since) {
        List<?> started = em.createNativeQuery("SELECT 1 FROM sync_run WHERE job_id = ?1 AND started_at > ?2")
                .setParameter(1, jobId).setParameter(2, since).getResultList();
        return !started.isEmpty();
    }

    /** The next sync of the source reads it whole (its contacts are now keyed by another field). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireFullSync(UUID integrationId) {
        // the database's clock, the one sync_run.started_at is set by
        em.createNativeQuery("UPDATE source_state SET full_sync_required_since = now(), updated_at = now()"
                + " WHERE integration_id = ?1").setParameter(1, integrationId).executeUpdate();
    }

    /** A pending discovery, taken for {@code lease}: (integration id, request id, tenant, source type). */
    public Optional<PendingDiscovery> claimDiscovery(Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                UPDATE source_state s SET discovery_lease_until = now() + ?1 * interval '1 millisecond'
                  FROM (SELECT integration_id FROM source_state
                         WHERE discovery_status = 'PENDING' AND discovery_request_id IS NOT NULL
                           AND (discovery_lease_until IS NULL OR discovery_lease_until < now())
                         ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED) next
                 WHERE s.integration_id = next.integration_id
                RETURNING s.integration_id, s.discovery_request_id, s.tenant_id, s.source_type""")
                .setParameter(1, lease.toMillis()).getResultList();
        return rows.stream().findFirst().map(r -> new PendingDiscovery((UUID) r[0], (UUID) r[1], (String) r[2],
                (String) r[3]));
    }

    /**
     * Records the answer to a discovery request; false if a newer request came meanwhile (its answer is the
     * one that counts) or the source was forgotten.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean discovered(PendingDiscovery discovery, String error) {
        return em.createNativeQuery("""
                UPDATE source_state SET discovery_status = ?3, discovery_error = ?4, discovery_lease_until = NULL,
                       updated_at = now()
                 WHERE integration_id = ?1 AND discovery_request_id = ?2 AND discovery_status = 'PENDING'""")
                .setParameter(1, discovery.integrationId()).setParameter(2, discovery.requestId())
                .setParameter(3, (error == null ? DiscoveryStatus.DISCOVERED : DiscoveryStatus.FAILED).name())
                .setParameter(4, error).executeUpdate() == 1;
    }

    public record PendingDiscovery(UUID integrationId, UUID requestId, String tenantId, String sourceType) {
    }

    /**
     * The source's row, created if missing. Two consumers (integration events and sync requests) may create
     * it at the same moment: the insert ignores a conflict, and the row is then read locked.
     */
    private SourceState create(UUID integrationId, String tenantId, String sourceType) {
        em.createNativeQuery(
                """
                        INSERT INTO source_state (integration_id, tenant_id, source_type, discovery_status, created_at, updated_at)
                        VALUES (?1, ?2, ?3, 'PENDING', now(), now()) ON CONFLICT (integration_id) DO NOTHING""")
                .setParameter(1, integrationId).setParameter(2, tenantId).setParameter(3, sourceType)
                .executeUpdate();
        return SourceState.findById(integrationId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
