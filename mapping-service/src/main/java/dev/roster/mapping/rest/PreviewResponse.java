package dev.roster.mapping.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MappingPreview", description = "What a draft mapping makes of the discovered samples; nothing is saved", example = """
        {"contacts": [{"sample": 1, "uniqueId": "ana.lima@contoso.com",
                       "fields": {"email": "ana.lima@contoso.com", "displayName": "Ana Lima", "costCenter": "4711"}}],
         "excluded": [2],
         "errors": [{"sample": 3, "field": "costCenter", "reason": "'n/a' is not a number (source field 'extension_costCenter')"}]}""")
public record PreviewResponse(
        @Schema(description = "The contacts the samples become") List<Contact> contacts,
        @Schema(description = "Samples the exclusion rules leave out") List<Integer> excluded,
        @Schema(description = "Why samples would not become contacts") List<Error> errors) {

    /** A sample is the n-th sample value of every discovered field, read as one record. */
    public record Contact(int sample, String uniqueId, Map<String, String> fields) {
    }

    public record Error(int sample, String field, String reason) {
    }
}
