package dev.roster.integration.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.integration.domain.Integration;
import dev.roster.integration.domain.SourceType;

@Schema(name = "Integration", description = "A connected source", example = """
        {"id": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44", "name": "Staffbase intranet", "sourceType": "STAFFBASE",
         "createdBy": "4d1e0c2b-admin", "createdAt": "2026-11-22T08:00:00Z", "updatedAt": "2026-11-22T08:00:00Z"}""")
public record IntegrationResponse(
        UUID id,
        String name,
        SourceType sourceType,
        @Schema(description = "The subject of the token that created it") String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static IntegrationResponse of(Integration integration) {
        return new IntegrationResponse(integration.id, integration.name, integration.sourceType, integration.createdBy,
                integration.createdAt, integration.updatedAt);
    }
}
