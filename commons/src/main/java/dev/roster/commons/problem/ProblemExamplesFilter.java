package dev.roster.commons.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Gives every problem+json response in the OpenAPI document an example of its own status, on its own
 * path, so a 404 does not show the shape of a 400. Registered through {@code mp.openapi.filter}.
 */
public class ProblemExamplesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> operations(item).forEach(operation -> {
            if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                return;
            }
            operation.getResponses().getAPIResponses().forEach((code, response) -> example(path, code, response));
        }));
    }

    private static void example(String path, String code, APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            return;
        }
        MediaType problem = response.getContent().getMediaTypes().get(Problem.MEDIA_TYPE);
        if (problem == null || problem.getExample() != null || !code.matches("\\d{3}")) {
            return;
        }
        problem.setExample(exampleFor(Integer.parseInt(code), path));
    }

    static Map<String, Object> exampleFor(int status, String path) {
        Map<String, Object> example = new LinkedHashMap<>();
        String[] kind = switch (status) {
            case 400 -> new String[]{"validation", "Invalid request", "name: must not be blank"};
            case 401 -> new String[]{"unauthenticated", "Unauthenticated", "a valid bearer token is required"};
            case 403 -> new String[]{"forbidden", "Forbidden",
                    "the token does not grant the permission this operation needs"};
            case 404 -> new String[]{"not-found", "Not found",
                    "integration 6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44 does not exist"};
            case 409 -> new String[]{"conflict", "Conflict", "the request conflicts with the current state"};
            case 412 -> new String[]{"stale", "Precondition failed",
                    "it changed since version 3 (now 4); read it again and reapply the change"};
            case 428 -> new String[]{"precondition-required", "Precondition required",
                    "send the ETag of the resource you read in If-Match"};
            default -> new String[]{"internal", "Internal error", "an unexpected error occurred"};
        };
        example.put("type", Problem.TYPE_BASE + kind[0]);
        example.put("title", kind[1]);
        example.put("status", status);
        example.put("detail", kind[2]);
        example.put("instance", path.replace("{id}", "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44")
                .replace("{jobId}", "0b7e6a52-3f4c-4f1a-8d2e-5c6b7a8d9e01"));
        if (status == 400) {
            example.put("errors", List.of(Map.of("field", "name", "message", "must not be blank")));
        }
        return example;
    }

    private static List<Operation> operations(PathItem item) {
        return java.util.stream.Stream.of(item.getGET(), item.getPOST(), item.getPUT(), item.getPATCH(),
                item.getDELETE()).filter(java.util.Objects::nonNull).toList();
    }

}
