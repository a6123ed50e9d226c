package dev.roster.directory.rest;

import java.net.URI;
import java.util.LinkedHashSet;
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
import dev.roster.directory.contact.ContactService;
import dev.roster.directory.list.DistributionList;
import dev.roster.directory.list.ListService;
import dev.roster.directory.list.Selection;

/**
 * Distribution lists. Managing them needs 'lists-manage'; reading lists and their members needs 'lists-manage'
 * or 'contacts-read', since members are contacts and whoever manages a list must see who is on it.
 */
@Path("/api/v1/lists")
@Tag(name = "Lists", description = "Directory > Distribution lists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A permission is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ListResource {

    private static final String NOT_FOUND = "No such list in the caller's tenant";

    @Inject
    ListService lists;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Permissions.LISTS_MANAGE)
    @Operation(summary = "Create a list", description = "A STATIC list starts empty; a DYNAMIC list saves filter, q"
            + " and source (at least one of them), checked against the tenant's contact schema. Needs"
            + " 'lists-manage'.")
    @APIResponse(responseCode = "201", description = "Created; the ETag is what a change's If-Match must send", content = @Content(schema = @Schema(implementation = ListResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (a bad filter names 'filter')", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The tenant has a list of that name (ignoring case)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateListRequest request) {
        ListService.Counted list = lists.create(caller.tenantId(), caller.subject(), request.name(),
                request.description(), request.type(), request.selection());
        return Response.created(URI.create("/api/v1/lists/" + list.list().id())).tag(etag(list.list()))
                .entity(ListResponse.of(list)).build();
    }

    @GET
    @RolesAllowed({Permissions.LISTS_MANAGE, Permissions.CONTACTS_READ})
    @Operation(summary = "List distribution lists", description = "By name (ignoring case), a page at a time, each"
            + " with its member count. Needs 'lists-manage' or 'contacts-read'.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = ListPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ListPage list(
            @Parameter(description = "Only lists of this type", example = "STATIC") @QueryParam("type") DistributionList.Type type,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        ListService.Page page = lists.list(caller.tenantId(), type, cursor, limit);
        return new ListPage(page.items().stream().map(ListResponse::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Permissions.LISTS_MANAGE, Permissions.CONTACTS_READ})
    @Operation(summary = "Read a list", description = "With its member count. The ETag is what a change's If-Match"
            + " must send. Needs 'lists-manage' or 'contacts-read'.")
    @APIResponse(responseCode = "200", description = "The list", content = @Content(schema = @Schema(implementation = ListResponse.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        ListService.Counted list = lists.get(caller.tenantId(), id);
        return Response.ok(ListResponse.of(list)).tag(etag(list.list())).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Permissions.LISTS_MANAGE)
    @Operation(summary = "Change a list", description = "Name, description, and a dynamic list's selection (filter,"
            + " q and source, replaced together). Needs 'lists-manage' and the ETag of the version the change is"
            + " based on in If-Match, so two admins cannot overwrite each other unknowingly. A dynamic list's new"
            + " filter publishes no events: its members are computed when read.")
    @APIResponse(responseCode = "200", description = "The list as it is now", content = @Content(schema = @Schema(implementation = ListResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; a selection given for a static list names 'filter'", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The tenant has another list of the new name", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed it since the version in If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id,
            @Parameter(in = ParameterIn.HEADER, description = "The ETag of the version read", example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull UpdateListRequest request) {
        ListService.Counted list = lists.update(caller.tenantId(), id, expectedVersion(ifMatch), request.name(),
                request.description(), request.selection());
        return Response.ok(ListResponse.of(list)).tag(etag(list.list())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.LISTS_MANAGE)
    @Operation(summary = "Delete a list", description = "Each member of a static list is announced as removed from it"
            + " (ContactRemovedFromList, reason LIST_DELETED). Needs 'lists-manage'.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        lists.delete(caller.tenantId(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/members")
    @RolesAllowed({Permissions.LISTS_MANAGE, Permissions.CONTACTS_READ})
    @Operation(summary = "List a list's members", description = "The contacts on the list, sorted and paged like the"
            + " contacts API, with their total: a static list's members, or the contacts a dynamic list's filter"
            + " selects now. Needs 'lists-manage' or 'contacts-read'.")
    @APIResponse(responseCode = "200", description = "A page of contacts; total is always given", content = @Content(schema = @Schema(implementation = ContactPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A dynamic list's saved filter no longer fits the tenant's schema (a custom field it names was removed)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactPage members(@PathParam("id") UUID id,
            @Parameter(description = "Sort field, '-' before it for descending; lastName by default", example = "-hireDate") @QueryParam("sort") String sort,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        ContactService.Page page = lists.members(caller.tenantId(), id, sort, cursor, limit);
        return new ContactPage(page.items().stream().map(ContactResponse::of).toList(), page.nextCursor(),
                page.total());
    }

    @POST
    @Path("/{id}/members")
    @RolesAllowed(Permissions.LISTS_MANAGE)
    @Operation(summary = "Add members to a static list", description = "By contactIds (at most 1,000; all must be"
            + " contacts of the caller's tenant, else nothing is added and the problem lists the unknown ids in"
            + " unknownContactIds), or by a selection (filter, q, source) taken once, now (at most 100,000"
            + " contacts). Each contact that really joins is announced by one ContactAddedToList; a contact that is"
            + " already a member changes nothing. Needs 'lists-manage'.")
    @APIResponse(responseCode = "200", description = "Added", content = @Content(schema = @Schema(implementation = MembersChanged.class)))
    @APIResponse(responseCode = "409", description = "A sync deleted one of the contacts meanwhile; nothing was added, send it again", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "The list is dynamic, a contact id is unknown (field contactIds), or the selection is invalid or too large (field filter)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MembersChanged addMembers(@PathParam("id") UUID id, @Valid @NotNull MembersRequest request) {
        Selection selection = selection(request);
        ListService.Change change = selection == null
                ? lists.addContacts(caller.tenantId(), id, new LinkedHashSet<>(request.contactIds()))
                : lists.addSelected(caller.tenantId(), id, selection);
        return changed(change);
    }

    @POST
    @Path("/{id}/members/remove")
    @RolesAllowed(Permissions.LISTS_MANAGE)
    @Operation(summary = "Remove members from a static list", description = "By contactIds (at most 1,000; an id"
            + " that is no member changes nothing), or by a selection (filter, q, source) taken once, now: the"
            + " members it selects (at most 100,000). Each contact that really leaves is announced by one"
            + " ContactRemovedFromList (reason REMOVED). A POST, since a DELETE with a body is not portable."
            + " Needs 'lists-manage'.")
    @APIResponse(responseCode = "200", description = "Removed", content = @Content(schema = @Schema(implementation = MembersChanged.class)))
    @APIResponse(responseCode = "400", description = "The list is dynamic, or the request is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MembersChanged removeMembers(@PathParam("id") UUID id, @Valid @NotNull MembersRequest request) {
        Selection selection = selection(request);
        ListService.Change change = selection == null
                ? lists.removeContacts(caller.tenantId(), id, new LinkedHashSet<>(request.contactIds()))
                : lists.removeSelected(caller.tenantId(), id, selection);
        return changed(change);
    }

    /** The request's selection, or null when it names contact ids; exactly one of the two. */
    private static Selection selection(MembersRequest request) {
        Selection selection = request.selection();
        if ((request.contactIds() == null) == (selection == null)) {
            throw ProblemException.invalidField("contactIds", "send either contactIds or a selection (filter, q,"
                    + " source), not both and not neither");
        }
        return selection;
    }

    private static MembersChanged changed(ListService.Change change) {
        return new MembersChanged(change.changed(), change.unchanged(), change.memberCount());
    }

    private static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.of(428, "precondition-required", "Precondition required",
                    "send the ETag of the list you read in If-Match");
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Long.parseLong(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ProblemException.of(412, "stale", "Precondition failed", "If-Match " + ifMatch
                    + " is not an ETag of this list");
        }
    }

    private static EntityTag etag(DistributionList list) {
        return new EntityTag(Long.toString(list.version()));
    }
}
