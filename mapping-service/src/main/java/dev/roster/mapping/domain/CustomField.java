package dev.roster.mapping.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A contact field a tenant added to the system fields. */
@Entity
@Table(name = "custom_field")
public class CustomField extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false, updatable = false)
    public String key;

    @Column(nullable = false)
    public String label;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ContactSchema.FieldType type;

    /** Grows with every rename; the ETag. */
    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static List<CustomField> ofTenant(String tenantId) {
        return list("tenantId = ?1 order by key", tenantId);
    }

    public static Optional<CustomField> findInTenant(String tenantId, String key) {
        return find("tenantId = ?1 and key = ?2", tenantId, key).firstResultOptional();
    }
}
