package dev.roster.directory.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.problem.ProblemException;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.directory.space.InvitationMessage;
import dev.roster.directory.space.SpaceService;

/**
 * Spaces: organizations (with a seat limit), their labs and challenges, members imported from the directory
 * and invited. Everything needs 'spaces-manage'; changing a space's members also needs the owner or admin
 * role in its organization (its creator is owner; a parent admin counts as admin everywhere).
 */
@Path("/api/v1/spaces")
@Tag(name = "Spaces", description = "Organizations, labs and challenges, their members and invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Permissions.SPACES_MANAGE)
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A permission or the organization admin role is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SpaceResource {

    @Inject
    SpaceService spaces;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Create a space", description = "An ORGANIZATION (its creator becomes its owner), a LAB in an"
            + " organization or a CHALLENGE in a lab (the caller must administer the organization).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SpaceResponses.Space.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull SpaceRequests.Create request) {
        SpaceService.Space space = spaces.create(actor(), request.type(), request.name(), request.parentId(),
                request.userLimit());
        return Response.created(URI.create("/api/v1/spaces/" + space.id())).entity(SpaceResponses.Space.of(space))
                .build();
    }

    @GET
    @Operation(summary = "List spaces", description = "Oldest first, a page at a time; parentId gives the labs of an"
            + " organization or the challenges of a lab.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = SpaceResponses.SpacePage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SpaceResponses.SpacePage list(
            @Parameter(description = "Only the children of this space") @QueryParam("parentId") UUID parentId,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") UUID cursor,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        List<SpaceService.Space> page = spaces.list(caller.tenantId(), parentId, cursor, limit + 1);
        String next = page.size() > limit ? page.get(limit - 1).id().toString() : null;
        return new SpaceResponses.SpacePage(page.stream().limit(limit).map(SpaceResponses.Space::of).toList(), next);
    }

    @GET
    @Path("/{id}/invitations")
    @Operation(summary = "List a space's invitations", description = "Newest first, with their status (PENDING,"
            + " ACCEPTED, EXPIRED, REVOKED), a page at a time. Needs the organization's admin role.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = SpaceResponses.InvitationPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such space in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SpaceResponses.InvitationPage invitations(@PathParam("id") UUID id,
            @Parameter(description = "Only invitations of this status", example = "PENDING") @QueryParam("status") String status,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") UUID cursor,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        if (status != null && !List.of("PENDING", "ACCEPTED", "EXPIRED", "REVOKED").contains(status)) {
            throw ProblemException.invalidField("status", "one of PENDING, ACCEPTED, EXPIRED, REVOKED");
        }
        List<SpaceService.Invitation> page = spaces.invitations(actor(), id, status, cursor, limit + 1);
        String next = page.size() > limit ? page.get(limit - 1).id().toString() : null;
        return new SpaceResponses.InvitationPage(List.copyOf(page.subList(0, Math.min(limit, page.size()))), next);
    }

    @POST
    @Path("/{id}/invitations/{invitationId}/resend")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send an invitation again", description = "A pending or expired one: a new token (the old"
            + " one stops working), a new expiry and a new InvitationRequested.")
    @APIResponse(responseCode = "204", description = "Sent again")
    @APIResponse(responseCode = "404", description = "No such space or invitation in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Accepted or revoked", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resend(@PathParam("id") UUID id, @PathParam("invitationId") UUID invitationId) {
        spaces.resend(actor(), id, invitationId);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a space", description = "With its member count and, for an organization, the seats"
            + " in use.")
    @APIResponse(responseCode = "200", description = "The space", content = @Content(schema = @Schema(implementation = SpaceResponses.Space.class)))
    @APIResponse(responseCode = "404", description = "No such space in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SpaceResponses.Space get(@PathParam("id") UUID id) {
        return SpaceResponses.Space.of(spaces.get(caller.tenantId(), id));
    }

    @GET
    @Path("/{id}/members")
    @Operation(summary = "List a space's members", description = "By contact id, a page at a time.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = SpaceResponses.MemberPage.class)))
    @APIResponse(responseCode = "404", description = "No such space in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SpaceResponses.MemberPage members(@PathParam("id") UUID id,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") UUID cursor,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        List<SpaceService.Member> members = spaces.members(caller.tenantId(), id, cursor, limit + 1);
        String next = null;
        if (members.size() > limit) {
            members = members.subList(0, limit);
            next = members.get(limit - 1).contactId().toString();
        }
        return new SpaceResponses.MemberPage(List.copyOf(members), next);
    }

    @POST
    @Path("/{id}/imports")
    @Operation(summary = "Import contacts into a space", description = "Chosen contacts, all of an integration, or"
            + " all matching a filter, each with a role, and an invitation for each new member. Checked against"
            + " the organization's seat limit in the same transaction: past it, nothing is imported (422) unless"
            + " allowPartial. A member of a lab or challenge also becomes a member of its organization. The"
            + " answer is the confirmation.")
    @APIResponse(responseCode = "200", description = "What was imported, who was a member already, who was skipped and why", content = @Content(schema = @Schema(implementation = SpaceResponses.ImportResult.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid (a role the space type does not have, an unknown placeholder, no selection)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such space in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Past the seat limit: limit, seatsInUse and seatsNeeded say by how much; nothing was imported", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class, example = """
            {"type": "https://roster.dev/problems/seat-limit", "title": "Seat limit reached", "status": 422,
             "detail": "the import needs 12 seats; the organization has 10 of 250 left. Nothing was imported",
             "limit": 250, "seatsInUse": 240, "seatsNeeded": 12}""")))
    public SpaceResponses.ImportResult importContacts(@PathParam("id") UUID id, @NotNull SpaceRequests.Import request) {
        SpaceService.ImportRequest command = new SpaceService.ImportRequest(
                new SpaceService.Selection(request.contactIds(), request.integrationId(), request.filter(),
                        request.q()),
                request.role(), request.roles(), Boolean.TRUE.equals(request.updateExistingRoles()),
                Boolean.TRUE.equals(request.allowPartial()),
                request.invitation() == null ? null : request.invitation().toMessage());
        return SpaceResponses.ImportResult.of(spaces.importContacts(actor(), id, command));
    }

    @POST
    @Path("/{id}/imports/preview-message")
    @Operation(summary = "Preview an invitation", description = "The message one contact would receive, rendered;"
            + " nothing is imported or sent.")
    @APIResponse(responseCode = "200", description = "The rendered subject and body", content = @Content(schema = @Schema(implementation = SpaceResponses.Rendered.class)))
    @APIResponse(responseCode = "400", description = "An unknown placeholder, or a missing field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such space or contact in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SpaceResponses.Rendered preview(@PathParam("id") UUID id, @NotNull SpaceRequests.Preview request) {
        if (request.contactId() == null) {
            throw ProblemException.invalidField("contactId", "the contact to render the message for");
        }
        InvitationMessage rendered = spaces.preview(actor(), id, request.contactId(),
                request.invitation() == null ? null : request.invitation().toMessage());
        return new SpaceResponses.Rendered(rendered.subject(), rendered.body());
    }

    @POST
    @Path("/{id}/invitations/{invitationId}/revoke")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Revoke an invitation", description = "Its token no longer works.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such space or invitation in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response revoke(@PathParam("id") UUID id, @PathParam("invitationId") UUID invitationId) {
        spaces.revoke(actor(), id, invitationId);
        return Response.noContent().build();
    }

    private SpaceService.Actor actor() {
        return new SpaceService.Actor(caller.tenantId(), caller.subject(), caller.displayName(),
                caller.isParentAdmin());
    }
}
