package dev.roster.directory.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.security.Caller;
import dev.roster.directory.space.SpaceService;

/** The accept link of an invitation: any signed-in user of the space's tenant, once per token. */
@Path("/api/v1/invitations")
@Tag(name = "Spaces")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class InvitationResource {

    @Inject
    SpaceService spaces;

    @Inject
    Caller caller;

    @POST
    @Path("/{token}/accept")
    @Operation(summary = "Accept an invitation", description = "Single use: the signed-in user is recorded; an"
            + " owner or admin role of an organization makes them one of its admins.")
    @APIResponse(responseCode = "200", description = "Accepted", content = @Content(schema = @Schema(implementation = SpaceResponses.Accepted.class)))
    @APIResponse(responseCode = "404", description = "No invitation with this token in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Accepted already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "Expired or revoked", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SpaceResponses.Accepted accept(@PathParam("token") String token) {
        return SpaceResponses.Accepted.of(spaces.accept(caller.tenantId(), caller.subject(), token));
    }
}
