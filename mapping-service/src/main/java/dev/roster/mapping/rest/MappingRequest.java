package dev.roster.mapping.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.commons.events.MappingPublished.ExclusionGroup;
import dev.roster.mapping.domain.IntegrationMapping.FieldMapping;
import dev.roster.mapping.service.SchemaService.NewField;

@Schema(name = "MappingRequest", description = "A new version of an integration's mapping (PUT), or a draft to preview", example = """
        {"uniqueIdField": "email",
         "fields": [
           {"source": "mail", "target": "email", "transformations": [{"kind": "TRIM"}, {"kind": "LOWER_CASE"}]},
           {"source": "givenName", "target": "displayName",
            "transformations": [{"kind": "JOIN", "fields": ["surname"], "separator": " "}]},
           {"source": "surname", "target": "lastName"},
           {"source": "extension_costCenter", "target": "costCenter"},
           {"source": "accountEnabled", "target": null}],
         "newCustomFields": [{"key": "costCenter", "label": "Cost center", "type": "NUMBER"}],
         "exclusions": [{"allOf": [{"attribute": "department", "operator": "EQUALS", "value": "Test accounts"}]},
                        {"allOf": [{"attribute": "mail", "operator": "MATCHES", "value": "^svc-"}]}],
         "acceptedStatuses": ["enabled"],
         "force": false}""")
public record MappingRequest(
        @Schema(description = "The contact field that identifies a person; must be the target of an imported field", example = "email") String uniqueIdField,
        @Schema(description = "Every imported field with its target contact field (null: skipped) and transformations") List<FieldMapping> fields,
        @Schema(description = "Custom fields to create with this save, so fields can be mapped onto them") List<NewField> newCustomFields,
        @Schema(description = "Groups of rules (OR); the rules of a group must all match (AND) to leave a person out") List<ExclusionGroup> exclusions,
        @Schema(description = "Source statuses that count as active; the current ones when absent") List<String> acceptedStatuses,
        @Schema(description = "Save even if samples of a Number or Date field do not parse", example = "false") Boolean force) {
}
