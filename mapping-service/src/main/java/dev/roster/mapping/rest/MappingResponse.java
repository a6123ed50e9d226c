package dev.roster.mapping.rest;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.commons.events.FieldsDiscovered.DiscoveredField;
import dev.roster.commons.events.MappingPublished.ExclusionGroup;
import dev.roster.commons.events.MappingPublished.Transformation;
import dev.roster.mapping.domain.IntegrationMapping;
import dev.roster.mapping.domain.IntegrationMapping.FieldMapping;

@Schema(name = "Mapping", description = "How one integration's source fields become contact fields", example = """
        {"integrationId": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44", "sourceType": "ENTRA_ID", "version": 2,
         "uniqueIdField": "email",
         "fields": [
           {"source": "mail", "sampleType": "TEXT", "samples": ["ana.lima@contoso.com", "li.wei@contoso.com"],
            "target": "email", "transformations": [{"kind": "LOWER_CASE"}]},
           {"source": "givenName", "sampleType": "TEXT", "samples": ["Ana", "Li"], "target": "firstName",
            "transformations": []},
           {"source": "accountEnabled", "sampleType": "BOOLEAN", "samples": ["true"], "target": null,
            "transformations": []}],
         "exclusions": [{"allOf": [{"attribute": "department", "operator": "EQUALS", "value": "Test accounts"}]}],
         "acceptedStatuses": ["enabled"], "discoveredAt": "2026-11-22T08:01:10Z",
         "createdAt": "2026-11-22T08:00:00Z", "updatedAt": "2026-11-22T08:03:00Z"}""")
public record MappingResponse(
        UUID integrationId,
        String sourceType,
        @Schema(description = "Increases with every published change; 0 is the empty mapping before discovery, 1 the suggestion") int version,
        @Schema(description = "The contact field that identifies a person across syncs", example = "email") String uniqueIdField,
        @Schema(description = "The imported fields with their samples, each mapped to a contact field or skipped (target null)") List<Field> fields,
        @Schema(description = "Groups of rules (OR) whose rules must all match (AND) to leave a person out") List<ExclusionGroup> exclusions,
        @Schema(description = "Source statuses that count as active") List<String> acceptedStatuses,
        @Schema(description = "When the source's fields were last discovered; null before") OffsetDateTime discoveredAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** One imported field: discovered (with samples), mapped, or both. */
    public record Field(
            String source,
            @Schema(description = "What the samples look like: TEXT, NUMBER, DATE or BOOLEAN; null for a field not discovered") String sampleType,
            List<String> samples,
            @Schema(description = "The contact field it becomes; null: skipped") String target,
            List<Transformation> transformations) {
    }

    static MappingResponse of(IntegrationMapping mapping) {
        Map<String, Field> fields = new LinkedHashMap<>();
        Map<String, FieldMapping> mapped = new LinkedHashMap<>();
        mapping.fields.forEach(f -> mapped.put(f.source(), f));
        List<DiscoveredField> discovered = mapping.discoveredFields == null ? List.of() : mapping.discoveredFields;
        for (DiscoveredField d : discovered) {
            FieldMapping m = mapped.get(d.name());
            fields.put(d.name(), new Field(d.name(), d.type().name(), d.samples(), m == null ? null : m.target(),
                    m == null ? List.of() : m.transformations()));
        }
        for (FieldMapping m : mapping.fields) {
            fields.putIfAbsent(m.source(), new Field(m.source(), null, List.of(), m.target(), m.transformations()));
        }
        return new MappingResponse(mapping.integrationId, mapping.sourceType, mapping.version, mapping.uniqueIdField,
                new ArrayList<>(fields.values()), mapping.exclusions, mapping.acceptedStatuses, mapping.discoveredAt,
                mapping.createdAt, mapping.updatedAt);
    }
}
