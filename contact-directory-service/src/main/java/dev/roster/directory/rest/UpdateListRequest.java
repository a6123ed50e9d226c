package dev.roster.directory.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.directory.list.Selection;

/** A partial update: absent fields stay as they are. */
@Schema(name = "UpdateList", description = "Changes what is given; absent fields stay as they are. For a dynamic"
        + " list, filter, q and source are replaced together when any of them is given: send the whole new"
        + " selection. The type cannot change.", example = """
                {"name": "Engineering and Research", "filter": ["department:eq:Engineering"], "q": null,
                 "source": null}""")
public record UpdateListRequest(
        @Schema(maxLength = 200, example = "Engineering and Research") @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Schema(maxLength = 2000, example = "Everyone in Engineering or Research") @Size(max = 2000) String description,
        @Schema(description = "Dynamic lists only", example = "[\"department:eq:Engineering\"]") @Size(max = 50) List<@NotBlank @Size(max = 500) String> filter,
        @Schema(description = "Dynamic lists only", maxLength = 200) @Size(max = 200) String q,
        @Schema(description = "Dynamic lists only") UUID source) {

    /** The new selection, or null when the request changes none. */
    Selection selection() {
        return filter == null && q == null && source == null ? null : new Selection(filter, q, source);
    }
}
