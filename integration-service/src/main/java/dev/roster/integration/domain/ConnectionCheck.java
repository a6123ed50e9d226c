package dev.roster.integration.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Whether the worker could read the integration's source, from its answer to the newest discovery request
 * (sent when the integration is created, its connection or credentials change, or a CSV file is uploaded).
 */
@Entity
@Table(name = "connection_check")
public class ConnectionCheck extends PanacheEntityBase {

    @Id
    @Column(name = "integration_id")
    public UUID integrationId;

    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String error;

    /** How many fields the source's records carry. */
    public Integer fields;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "checked_at")
    public OffsetDateTime checkedAt;

    public enum Status {
        /** The worker has not answered the newest request yet. */
        PENDING,
        /** The worker read the source and found its fields. */
        OK,
        /** The worker could not read the source; {@code error} says why. */
        FAILED
    }
}
