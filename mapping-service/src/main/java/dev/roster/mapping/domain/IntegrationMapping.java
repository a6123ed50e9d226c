package dev.roster.mapping.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.roster.commons.events.FieldsDiscovered.DiscoveredField;
import dev.roster.commons.events.MappingPublished.ExclusionGroup;
import dev.roster.commons.events.MappingPublished.Transformation;

/** The mapping of one integration's source fields onto the tenant's contact fields. */
@Entity
@Table(name = "integration_mapping")
public class IntegrationMapping extends PanacheEntityBase {

    @Id
    @Column(name = "integration_id")
    public UUID integrationId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "source_type", nullable = false, updatable = false)
    public String sourceType;

    @Column(nullable = false)
    public int version;

    @Column(name = "unique_id_field", nullable = false)
    public String uniqueIdField;

    /** Imported fields and their targets; empty until the worker discovers the source's fields. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<FieldMapping> fields;

    /** A person is left out when every rule of any one group matches. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<ExclusionGroup> exclusions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "accepted_statuses", nullable = false)
    public List<String> acceptedStatuses;

    /** What the last discovery found, in the source's order; null before the first. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "discovered_fields")
    public List<DiscoveredField> discoveredFields;

    @Column(name = "discovered_at")
    public OffsetDateTime discoveredAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Optional<IntegrationMapping> findInTenant(String tenantId, UUID integrationId) {
        return find("tenantId = ?1 and integrationId = ?2", tenantId, integrationId).firstResultOptional();
    }

    /** One imported field: the contact field it goes to (null: skipped) and how it is transformed. */
    public record FieldMapping(String source, String target, List<Transformation> transformations) {

        public FieldMapping {
            transformations = transformations == null ? List.of() : List.copyOf(transformations);
        }
    }
}
