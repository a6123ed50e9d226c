package dev.roster.integration.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.security.Permissions;
import dev.roster.integration.domain.CsvFile;
import dev.roster.integration.service.CsvFileService;

/** The bytes of a CSV integration's file, for the sync worker that imports it. */
@Path("/internal/v1/integrations/{id}/file")
@Tag(name = "Internal", description = "For Roster's own services only")
public class CsvFileAccessResource {

    @Inject
    CsvFileService files;

    @GET
    @RolesAllowed(Permissions.SYNC_WORKER)
    @Produces(CsvFileResource.TEXT_CSV)
    @Operation(summary = "The file of a CSV integration", description = "Only the sync worker's service account"
            + " (role 'roster-sync-worker'). The bytes as uploaded, streamed; the charset parameter is the"
            + " connection's encoding at upload time. A body shorter than Content-Length means the file was"
            + " replaced meanwhile: read it again.")
    @APIResponse(responseCode = "200", description = "The file", headers = {
            @Header(name = HttpHeaders.ETAG, description = "The file's SHA-256"),
            @Header(name = HttpHeaders.CONTENT_LENGTH, description = "The file's size in bytes")}, content = @Content(mediaType = CsvFileResource.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"), example = """
                    employeeId,email,firstName,lastName
                    1001,anna.mueller@example.com,Anna,Müller
                    """))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the sync worker", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such integration, or it has no file", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        CsvFile file = files.getForWorker(id);
        StreamingOutput bytes = out -> files.copy(file, out);
        return Response.ok(bytes, CsvFileResource.TEXT_CSV + "; charset=" + file.encoding)
                .tag(CsvFileResource.etag(file))
                .header(HttpHeaders.CONTENT_LENGTH, file.sizeBytes)
                .build();
    }
}
