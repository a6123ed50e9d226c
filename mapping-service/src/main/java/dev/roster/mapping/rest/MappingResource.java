package dev.roster.mapping.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.mapping.domain.IntegrationMapping;
import dev.roster.mapping.service.MappingService;

@Path("/api/v1/integrations/{id}/mapping")
@Tag(name = "Mappings", description = "How each integration's fields become contact fields")
@Produces(MediaType.APPLICATION_JSON)
public class MappingResource {

    @Inject
    MappingService mappings;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "Read an integration's mapping", description = "Needs 'integrations-edit' or"
            + " 'mappings-edit'. A new integration's mapping appears moments after it is created.")
    @APIResponse(responseCode = "200", description = "The mapping in force", content = @Content(schema = @Schema(implementation = MappingResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token grants neither permission", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant (yet)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        IntegrationMapping mapping = mappings.get(caller.tenantId(), id);
        return Response.ok(MappingResponse.of(mapping)).tag(new EntityTag(Integer.toString(mapping.version))).build();
    }
}
