package dev.roster.integration.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.problem.ProblemException;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.integration.domain.CsvFile;
import dev.roster.integration.service.CsvFileService;

/** The uploaded file of a CSV integration: replacing it, and what is known about it. */
@Path("/api/v1/integrations/{id}/file")
@Tag(name = "CSV files", description = "The file a CSV integration imports")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A permission is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CsvFileResource {

    static final String TEXT_CSV = "text/csv";

    private static final String CSV_EXAMPLE = """
            employeeId;email;firstName;lastName;status
            1001;anna.mueller@example.com;Anna;Müller;active
            1002;"jens.berg@example.com";Jens;"Berg; Jr.";terminated
            """;

    @Inject
    CsvFileService files;

    @Inject
    Caller caller;

    @PUT
    @RolesAllowed(Permissions.INTEGRATIONS_EDIT)
    @Consumes({TEXT_CSV, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Upload the file of a CSV integration", description = "Needs 'integrations-edit'. The body is"
            + " the file, streamed into storage; its header row is read with the connection's delimiter and"
            + " encoding and must name every column once. Replaces the previous file only once the new one is"
            + " completely stored, and asks the worker to discover the file's fields.")
    @RequestBody(required = true, content = {
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"), example = CSV_EXAMPLE),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary"), example = CSV_EXAMPLE)})
    @APIResponse(responseCode = "200", description = "Replaced the previous file", headers = @Header(name = HttpHeaders.ETAG, description = "The file's SHA-256"), content = @Content(schema = @Schema(implementation = CsvFileResponse.class)))
    @APIResponse(responseCode = "201", description = "The integration's first file", headers = @Header(name = HttpHeaders.ETAG, description = "The file's SHA-256"), content = @Content(schema = @Schema(implementation = CsvFileResponse.class)))
    @APIResponse(responseCode = "400", description = "The file is empty, has no header row, or its header row is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), example = """
            {"type": "https://roster.dev/problems/csv-header", "title": "Invalid header row", "status": 400,
             "detail": "the header row names column 'email' twice (columns 2 and 5)",
             "instance": "/api/v1/integrations/6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44/file"}"""))
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The integration is not a CSV integration", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), example = """
            {"type": "https://roster.dev/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "integration 6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44 reads from SCIM; only a CSV integration takes an uploaded file",
             "instance": "/api/v1/integrations/6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44/file"}"""))
    @APIResponse(responseCode = "413", description = "The file is larger than roster.csv.max-file-size; nothing of it was stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), example = """
            {"type": "https://roster.dev/problems/file-too-large", "title": "File too large", "status": 413,
             "detail": "the file is larger than the limit of 209715200 bytes (200 MiB); nothing of it was stored",
             "instance": "/api/v1/integrations/6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44/file"}"""))
    public Response upload(@PathParam("id") UUID id,
            @Parameter(description = "The file's name; else the Content-Disposition filename", example = "Mitarbeiter München.csv") @QueryParam("filename") @Size(max = UploadedFileName.MAX_LENGTH) String filename,
            @Parameter(in = ParameterIn.HEADER, description = "attachment; filename*=UTF-8''<percent-encoded name>", example = "attachment; filename*=UTF-8''Mitarbeiter%20M%C3%BCnchen.csv") @HeaderParam("Content-Disposition") String disposition,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            InputStream body) {
        CsvFileService.Stored stored;
        try {
            stored = files.upload(caller.tenantId(), caller.subject(), id, UploadedFileName.of(filename, disposition),
                    contentLength, body);
        } catch (ProblemException refused) {
            discard(body);
            throw refused;
        }
        CsvFile file = stored.file();
        Response.ResponseBuilder response = stored.replaced()
                ? Response.ok()
                : Response.created(URI.create("/api/v1/integrations/" + id + "/file"));
        return response.tag(etag(file)).entity(CsvFileResponse.of(file)).build();
    }

    @GET
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "Describe the file of a CSV integration", description = "Needs 'integrations-edit' or"
            + " 'mappings-edit'. Name, size, lines, the header's columns, SHA-256, who uploaded it and when.")
    @APIResponse(responseCode = "200", description = "The file's metadata", headers = @Header(name = HttpHeaders.ETAG, description = "The file's SHA-256"), content = @Content(schema = @Schema(implementation = CsvFileResponse.class)))
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant, or it has no file", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        CsvFile file = files.get(caller.tenantId(), id);
        return Response.ok(CsvFileResponse.of(file)).tag(etag(file)).build();
    }

    static EntityTag etag(CsvFile file) {
        return new EntityTag(file.sha256);
    }

    /**
     * Reads what the client still sends of a refused upload, so that it receives the answer rather than a
     * connection reset. The HTTP layer's own limit ({@code quarkus.http.limits.max-body-size}) bounds it.
     */
    private static void discard(InputStream body) {
        try (InputStream rest = body) {
            rest.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away or sent more than the HTTP layer accepts: nothing left to answer
        }
    }
}
