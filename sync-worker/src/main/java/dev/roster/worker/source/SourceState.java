package dev.roster.worker.source;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The worker's durable memory of one source. */
@Entity
@Table(name = "source_state")
public class SourceState extends PanacheEntityBase {

    @Id
    @Column(name = "integration_id")
    public UUID integrationId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "source_type", nullable = false, updatable = false)
    public String sourceType;

    @Enumerated(EnumType.STRING)
    @Column(name = "discovery_status", nullable = false)
    public DiscoveryStatus discoveryStatus;

    /** Graph's {@code @odata.deltaLink} of the last full or incremental sync; null before the first. */
    @Column(name = "delta_link")
    public String deltaLink;

    /** Since when the next sync must read the whole source (the unique contact ID field changed); or null. */
    @Column(name = "full_sync_required_since")
    public OffsetDateTime fullSyncRequiredSince;

    /** The newest {@code DiscoveryRequested} of the source; the one a discovery answers. */
    @Column(name = "discovery_request_id")
    public UUID discoveryRequestId;

    /** Until when a worker is answering the discovery request. */
    @Column(name = "discovery_lease_until")
    public OffsetDateTime discoveryLeaseUntil;

    /** Why the last discovery failed. */
    @Column(name = "discovery_error")
    public String discoveryError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public enum DiscoveryStatus {
        /** The source's fields have not been read yet. */
        PENDING,
        /** Fields and samples were published. */
        DISCOVERED,
        /** The last attempt failed; see the integration's health. */
        FAILED
    }
}
