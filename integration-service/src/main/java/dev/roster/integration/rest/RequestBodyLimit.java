package dev.roster.integration.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.roster.commons.problem.ProblemResponses;

/**
 * {@code quarkus.http.limits.max-body-size} is raised for CSV uploads only; every other request body keeps the
 * 10 MiB it had before, so a JSON endpoint is not made to parse hundreds of megabytes.
 */
public class RequestBodyLimit {

    static final long OTHER_BODIES = 10L << 20;

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || isFile(type) || request.getLength() <= OTHER_BODIES) {
            return null;
        }
        return ProblemResponses.of(ProblemResponses.simple(413, "body-too-large", "Request body too large",
                "a request body may hold at most " + OTHER_BODIES + " bytes (10 MiB); only a CSV file may be"
                        + " larger")
                .withInstance(request.getUriInfo().getPath()));
    }

    private static boolean isFile(MediaType type) {
        return type.isCompatible(MediaType.valueOf(CsvFileResource.TEXT_CSV))
                || type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE);
    }
}
