package dev.roster.directory.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.directory.list.Selection;

@Schema(name = "ListMembersChange", description = "Which contacts to add to or remove from a static list: either"
        + " contactIds (at most 1,000), or a selection (filter, q, source) taken once, now (at most 100,000"
        + " contacts)", example = """
                {"contactIds": ["5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95", "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"]}""")
public record MembersRequest(
        @Schema(description = "Contacts of the caller's tenant", example = "[\"5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95\"]") @Size(min = 1, max = 1000) List<@NotNull UUID> contactIds,
        @Schema(description = "Filters as in the contacts API, field:operator[:value], all must hold", example = "[\"city:eq:London\"]") @Size(max = 50) List<@NotBlank @Size(max = 500) String> filter,
        @Schema(description = "A search in first, last and display name and email", maxLength = 200) @Size(max = 200) String q,
        @Schema(description = "Only contacts this integration supplies") UUID source) {

    /** The selection, or null when the request names contacts by id. */
    Selection selection() {
        Selection selection = new Selection(filter, q, source);
        return selection.isEmpty() ? null : selection;
    }
}
