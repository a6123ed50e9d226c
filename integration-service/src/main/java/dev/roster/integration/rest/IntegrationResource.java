package dev.roster.integration.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.problem.ProblemException;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.integration.domain.ConnectionCheck;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.domain.SourceType;
import dev.roster.integration.schedule.Schedules;
import dev.roster.integration.service.IntegrationService;
import dev.roster.integration.service.KeysetPage;
import dev.roster.integration.service.PageCursor;

@Path("/api/v1/integrations")
@Tag(name = "Integrations", description = "Sources connected to the directory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A permission is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class IntegrationResource {

    @Inject
    IntegrationService integrations;

    @Inject
    Schedules schedules;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Permissions.INTEGRATIONS_EDIT)
    @Operation(summary = "Connect a source", description = "Needs both 'integrations-edit' and 'mappings-edit'."
            + " Publishes IntegrationCreated and asks the worker to discover the source's fields.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = IntegrationResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The tenant already has a Staffbase integration", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateIntegrationRequest request) {
        if (!caller.has(Permissions.MAPPINGS_EDIT)) {
            throw ProblemException.forbidden("connecting a source needs the 'mappings-edit' permission too");
        }
        Integration integration = integrations.create(caller.tenantId(), caller.subject(), request);
        return Response.created(URI.create("/api/v1/integrations/" + integration.id))
                .tag(etag(integration))
                .entity(response(integration))
                .build();
    }

    @GET
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "List integrations", description = "Newest first, a page at a time. Needs"
            + " 'integrations-edit' or 'mappings-edit'.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = IntegrationPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IntegrationPage list(
            @Parameter(description = "Only this source type") @QueryParam("sourceType") SourceType sourceType,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        KeysetPage<IntegrationResponse> page = KeysetPage.of(
                integrations.list(caller.tenantId(), sourceType, PageCursor.decode(cursor), limit + 1), limit,
                integration -> new PageCursor(integration.createdAt, integration.id), this::response);
        return new IntegrationPage(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "Read an integration", description = "Needs 'integrations-edit' or 'mappings-edit'."
            + " The ETag is what an update's If-Match must send.")
    @APIResponse(responseCode = "200", description = "The integration", content = @Content(schema = @Schema(implementation = IntegrationResponse.class)))
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Integration integration = integrations.get(caller.tenantId(), id);
        return Response.ok(response(integration)).tag(etag(integration)).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Permissions.INTEGRATIONS_EDIT)
    @Operation(summary = "Change an integration", description = "Needs 'integrations-edit' and the ETag of the"
            + " version the change is based on in If-Match, so two admins cannot overwrite each other unknowingly.")
    @APIResponse(responseCode = "200", description = "The integration as it is now", content = @Content(schema = @Schema(implementation = IntegrationResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed it since the version in If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id,
            @Parameter(in = ParameterIn.HEADER, description = "The ETag of the version read", example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull UpdateIntegrationRequest request) {
        Integration integration = integrations.update(caller.tenantId(), caller.subject(), id, expectedVersion(ifMatch),
                request);
        return Response.ok(response(integration)).tag(etag(integration)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.INTEGRATIONS_EDIT)
    @Operation(summary = "Disconnect a source", description = "Only the integration's creator or a parent admin."
            + " Publishes IntegrationDeleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such integration in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        integrations.delete(caller.tenantId(), caller.subject(), caller.isParentAdmin(), id);
        return Response.noContent().build();
    }

    private IntegrationResponse response(Integration integration) {
        return new IntegrationResponse(integration.id, integration.name, integration.sourceType, integration.connection,
                new IntegrationResponse.Secrets(integration.credentialNames, integrations.missingSecrets(integration)),
                schedules.describe(integration),
                new IntegrationResponse.Health(integration.lastSyncState, integration.lastSyncAt, integration.lastError,
                        integration.consecutiveFailures, schedules.isBackingOff(integration),
                        connection(ConnectionCheck.findById(integration.id))),
                integration.createdBy, integration.createdAt, integration.updatedAt);
    }

    private static IntegrationResponse.Connection connection(ConnectionCheck check) {
        return check == null
                ? null
                : new IntegrationResponse.Connection(check.status, check.error, check.fields, check.requestedAt,
                        check.checkedAt);
    }

    private static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.of(428, "precondition-required", "Precondition required",
                    "send the ETag of the integration you read in If-Match");
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.of(412, "stale", "Precondition failed", "If-Match " + ifMatch
                    + " is not an ETag of this integration");
        }
    }

    private static EntityTag etag(Integration integration) {
        return new EntityTag(Long.toString(integration.version));
    }
}
