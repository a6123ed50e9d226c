package dev.roster.integration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.integration.domain.SourceType;

@Schema(name = "CreateIntegration", description = "Connects a source", example = """
        {"name": "Staffbase intranet", "sourceType": "STAFFBASE"}""")
public record CreateIntegrationRequest(
        @Schema(description = "What admins call this source", example = "Staffbase intranet", maxLength = 200) @NotBlank @Size(max = 200) String name,
        @Schema(description = "The kind of source", example = "STAFFBASE") @NotNull SourceType sourceType) {
}
