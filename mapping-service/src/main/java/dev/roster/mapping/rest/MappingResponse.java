package dev.roster.mapping.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.mapping.domain.IntegrationMapping;
import dev.roster.mapping.domain.IntegrationMapping.FieldMapping;

@Schema(name = "Mapping", description = "How one integration's source fields become contact fields", example = """
        {"integrationId": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44", "sourceType": "STAFFBASE", "version": 0,
         "uniqueIdField": "email", "fields": [], "exclusions": [], "acceptedStatuses": ["activated", "pending"],
         "createdAt": "2026-11-22T08:00:00Z", "updatedAt": "2026-11-22T08:00:00Z"}""")
public record MappingResponse(
        UUID integrationId,
        String sourceType,
        @Schema(description = "Increases with every published change; 0 is the empty mapping") int version,
        @Schema(description = "The contact field that identifies a person across syncs", example = "email") String uniqueIdField,
        @Schema(description = "Imported fields and the contact field each maps to (null: skipped)") List<FieldMapping> fields,
        @Schema(description = "Rules that drop people from the import") List<String> exclusions,
        @Schema(description = "Source statuses that count as active") List<String> acceptedStatuses,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static MappingResponse of(IntegrationMapping mapping) {
        return new MappingResponse(mapping.integrationId, mapping.sourceType, mapping.version, mapping.uniqueIdField,
                mapping.fields, mapping.exclusions, mapping.acceptedStatuses, mapping.createdAt, mapping.updatedAt);
    }
}
