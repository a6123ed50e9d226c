package dev.roster.directory.source;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An integration that supplies contacts to a tenant's directory. */
@Entity
@Table(name = "source_integration")
public class SourceIntegration extends PanacheEntityBase {

    @Id
    @Column(name = "integration_id")
    public UUID integrationId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(name = "source_type", nullable = false, updatable = false)
    public String sourceType;

    /** Set by an admin; when null, the older integration wins a disagreement. */
    public Integer priority;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;
}
