package dev.roster.directory.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.directory.list.DistributionList;
import dev.roster.directory.list.Selection;

@Schema(name = "CreateList", description = "A static list (members added and removed explicitly) or a dynamic list"
        + " (the contacts its saved filter selects whenever it is read)", example = """
                {"name": "Engineering all-hands", "description": "Everyone in Engineering", "type": "DYNAMIC",
                 "filter": ["department:eq:Engineering"]}""")
public record CreateListRequest(
        @Schema(description = "Unique in the tenant, ignoring case", example = "Engineering all-hands", maxLength = 200) @NotBlank @Size(max = 200) String name,
        @Schema(description = "What the list is for", example = "Everyone in Engineering", maxLength = 2000) @Size(max = 2000) String description,
        @Schema(description = "STATIC or DYNAMIC; cannot be changed later", example = "DYNAMIC") @NotNull DistributionList.Type type,
        @Schema(description = "Dynamic lists only: filters as in the contacts API, field:operator[:value], all must"
                + " hold", example = "[\"department:eq:Engineering\"]") @Size(max = 50) List<@NotBlank @Size(max = 500) String> filter,
        @Schema(description = "Dynamic lists only: a search in first, last and display name and email", example = "lovel", maxLength = 200) @Size(max = 200) String q,
        @Schema(description = "Dynamic lists only: only contacts this integration supplies") UUID source) {

    Selection selection() {
        return new Selection(filter, q, source);
    }
}
