package dev.roster.integration.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.problem.ProblemException;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.service.IntegrationService;

/**
 * The one place secrets leave the service: to the sync worker's service account, over REST, when it is
 * about to call the source. Nothing secret travels on Kafka.
 */
@Path("/internal/v1/integrations/{id}/source-access")
@Tag(name = "Internal", description = "For Roster's own services only")
@Produces(MediaType.APPLICATION_JSON)
public class SourceAccessResource {

    private static final Logger LOG = Logger.getLogger(SourceAccessResource.class);

    @Inject
    IntegrationService integrations;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed(Permissions.SYNC_WORKER)
    @Operation(summary = "Connection and secrets of an integration", description = "Only the sync worker's service"
            + " account (role 'roster-sync-worker'), never a user token.")
    @APIResponse(responseCode = "200", description = "How to reach the source", content = @Content(schema = @Schema(implementation = SourceAccess.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the sync worker", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such integration", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Integration integration = Integration.<Integration>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("integration", id));
        LOG.infof("Secrets of integration %s handed to %s", id, caller.subject());
        SourceAccess access = new SourceAccess(integration.id, integration.tenantId, integration.sourceType,
                integration.connection, integrations.readCredentials(integration));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(access).cacheControl(noStore).build();
    }
}
