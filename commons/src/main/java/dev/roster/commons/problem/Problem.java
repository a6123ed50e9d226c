package dev.roster.commons.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail: the body of every error response of every Roster service.
 *
 * <p>
 * {@code errors} lists each invalid field of a request by its JSON path; further members (such as the id
 * of a running job on a conflict) are carried in {@code extensions} and rendered at the top level.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail", example = """
        {"type":"https://roster.dev/problems/validation","title":"Invalid request","status":400,
         "detail":"1 field is invalid","instance":"/api/v1/integrations",
         "errors":[{"field":"name","message":"must not be blank"}]}""")
public record Problem(
        @Schema(description = "A URI that names the kind of problem") String type,
        @Schema(description = "A short summary of the kind of problem") String title,
        @Schema(description = "The HTTP status code") int status,
        @Schema(description = "What went wrong this time") String detail,
        @Schema(description = "The request path") String instance,
        @Schema(description = "Each invalid field, by its path in the request") List<FieldError> errors,
        @Schema(hidden = true) @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://roster.dev/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors, extensions);
    }

    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, instance, errors, more);
    }

    /** One invalid field of a request. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "The field's path in the request, e.g. connection.baseUrl", example = "name") String field,
            @Schema(description = "What is wrong with it", example = "must not be blank") String message) {
    }
}
