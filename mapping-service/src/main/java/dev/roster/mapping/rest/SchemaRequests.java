package dev.roster.mapping.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the schema endpoints. */
public final class SchemaRequests {

    private SchemaRequests() {
    }

    @Schema(name = "CreateCustomField", example = """
            {"key": "costCenter", "label": "Cost center", "type": "NUMBER"}""")
    public record Create(
            @Schema(description = "A letter, then letters, digits or _; unique in the tenant", example = "costCenter") String key,
            @Schema(example = "Cost center") String label,
            @Schema(description = "TEXT, NUMBER or DATE", example = "NUMBER") String type) {
    }

    @Schema(name = "RenameCustomField", example = """
            {"label": "Cost centre"}""")
    public record Rename(@Schema(example = "Cost centre") String label) {
    }
}
