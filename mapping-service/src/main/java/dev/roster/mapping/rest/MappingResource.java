package dev.roster.mapping.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.problem.ProblemException;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.mapping.domain.IntegrationMapping;
import dev.roster.mapping.service.MappingService;

@Path("/api/v1/integrations/{id}/mapping")
@Tag(name = "Mappings", description = "How each integration's fields become contact fields")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MappingResource {

    @Inject
    MappingService mappings;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "Read an integration's mapping", description = "Needs 'integrations-edit' or"
            + " 'mappings-edit'. A new integration's mapping appears moments after it is created (version 0, empty);"
            + " when the source's fields are discovered, a suggested mapping becomes version 1. The ETag is what a"
            + " save's If-Match must send.")
    @APIResponse(responseCode = "200", description = "The mapping in force", content = @Content(schema = @Schema(implementation = MappingResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token grants neither permission", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant (yet)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        return ok(mappings.get(caller.tenantId(), id));
    }

    @PUT
    @RolesAllowed(Permissions.MAPPINGS_EDIT)
    @Operation(summary = "Save a new version of the mapping", description = "Needs 'mappings-edit' and the ETag"
            + " of the version read in If-Match. Publishes MappingPublished: the next sync uses it, and a changed"
            + " unique ID field makes that sync a full one. Refused, naming the field: a skipped unique ID field,"
            + " two fields onto one target, an unknown target, a broken transformation or exclusion rule, and a"
            + " Number or Date target whose samples do not parse (unless force is true).")
    @APIResponse(responseCode = "200", description = "The mapping as saved", content = @Content(schema = @Schema(implementation = MappingResponse.class)))
    @APIResponse(responseCode = "400", description = "A field of the request is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks 'mappings-edit'", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A new custom field's key exists already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone saved since the version in If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response save(@PathParam("id") UUID id,
            @Parameter(in = ParameterIn.HEADER, description = "The ETag of the version read", example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull MappingRequest request) {
        return ok(mappings.save(caller.tenantId(), id, expectedVersion(ifMatch), request));
    }

    @POST
    @Path("/preview")
    @RolesAllowed(Permissions.MAPPINGS_EDIT)
    @Operation(summary = "Preview a draft mapping", description = "Needs 'mappings-edit'. Applies the draft to the"
            + " discovered samples and returns the contacts it would produce, the samples it excludes and the"
            + " errors. Nothing is saved, not even the draft's new custom fields.")
    @APIResponse(responseCode = "200", description = "What the draft makes of the samples", content = @Content(schema = @Schema(implementation = PreviewResponse.class)))
    @APIResponse(responseCode = "400", description = "A field of the draft is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks 'mappings-edit'", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PreviewResponse preview(@PathParam("id") UUID id, @NotNull MappingRequest request) {
        return mappings.preview(caller.tenantId(), id, request);
    }

    private static Response ok(IntegrationMapping mapping) {
        return Response.ok(MappingResponse.of(mapping)).tag(new EntityTag(Integer.toString(mapping.version))).build();
    }

    private static int expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.of(428, "precondition-required", "Precondition required",
                    "send the ETag of the mapping you read in If-Match");
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Integer.parseInt(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ProblemException.of(412, "stale", "Precondition failed", "If-Match " + ifMatch
                    + " is not an ETag of this mapping");
        }
    }
}
