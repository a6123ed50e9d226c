package dev.roster.mapping.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.mapping.domain.ContactSchema;
import dev.roster.mapping.domain.CustomField;
import dev.roster.mapping.service.SchemaService;

@Schema(name = "SchemaField", description = "A field of the tenant's contact schema", example = """
        {"key": "costCenter", "label": "Cost center", "type": "NUMBER", "system": false, "version": 1,
         "sameLabelAs": null}""")
public record SchemaFieldResponse(
        @Schema(description = "How the field is named in mappings, contacts and filters", example = "costCenter") String key,
        @Schema(example = "Cost center") String label,
        @Schema(description = "TEXT, NUMBER or DATE", example = "NUMBER") String type,
        @Schema(description = "A fixed system field (not renamed nor deleted)") boolean system,
        @Schema(description = "A custom field's version (its ETag); 0 for system fields") int version,
        @Schema(description = "The system field whose label this custom field's repeats: warn the admin to map only the more accurate one") String sameLabelAs) {

    static SchemaFieldResponse of(ContactSchema.Field field) {
        return new SchemaFieldResponse(field.key(), field.label(), field.type().name(), true, 0, null);
    }

    static SchemaFieldResponse of(CustomField field) {
        return new SchemaFieldResponse(field.key, field.label, field.type.name(), false, field.version,
                SchemaService.clash(field).orElse(null));
    }
}
