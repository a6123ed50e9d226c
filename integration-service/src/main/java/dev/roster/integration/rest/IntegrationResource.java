package dev.roster.integration.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import dev.roster.commons.problem.ProblemException;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.service.IntegrationService;

@Path("/api/v1/integrations")
@Tag(name = "Integrations", description = "Sources connected to the directory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IntegrationResource {

    @Inject
    IntegrationService integrations;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Permissions.INTEGRATIONS_EDIT)
    @Operation(summary = "Connect a source", description = "Needs both the 'integrations-edit' and the"
            + " 'mappings-edit' permission. Publishes IntegrationCreated.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = IntegrationResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A permission is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateIntegrationRequest request) {
        if (!caller.has(Permissions.MAPPINGS_EDIT)) {
            throw ProblemException.forbidden("connecting a source needs the 'mappings-edit' permission too");
        }
        Integration integration = integrations.create(caller.tenantId(), caller.subject(), request.name(),
                request.sourceType());
        return Response.created(URI.create("/api/v1/integrations/" + integration.id))
                .tag(etag(integration))
                .entity(IntegrationResponse.of(integration))
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "Read an integration", description = "Needs 'integrations-edit' or 'mappings-edit'.")
    @APIResponse(responseCode = "200", description = "The integration", content = @Content(schema = @Schema(implementation = IntegrationResponse.class)))
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Integration integration = integrations.get(caller.tenantId(), id);
        return Response.ok(IntegrationResponse.of(integration)).tag(etag(integration)).build();
    }

    private static EntityTag etag(Integration integration) {
        return new EntityTag(Long.toString(integration.version));
    }
}
