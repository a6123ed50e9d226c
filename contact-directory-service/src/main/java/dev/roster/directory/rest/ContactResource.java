package dev.roster.directory.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.directory.contact.ContactQueries;
import dev.roster.directory.contact.ContactQuery;
import dev.roster.directory.contact.ContactService;

@Path("/api/v1/contacts")
@Tag(name = "Contacts", description = "Directory > All Contacts")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A permission is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ContactResource {

    private static final String FILTER = "field:operator[:value] on a system or custom field. Text fields: eq,"
            + " contains, startsWith (the last two ignore case), empty, notEmpty. Dates (yyyy-MM-dd) and numbers:"
            + " eq, gt, gte, lt, lte, empty, notEmpty. Repeat the parameter to combine filters (all must hold).";

    @Inject
    ContactService contacts;

    @Inject
    Caller caller;

    @Inject
    ContactQueries queries;

    @GET
    @RolesAllowed(Permissions.CONTACTS_READ)
    @Operation(summary = "List contacts", description = "Filtered, searched and sorted, a page at a time."
            + " Needs 'contacts-read'.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = ContactPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactPage list(
            @Parameter(description = FILTER, example = "department:eq:Engineering") @QueryParam("filter") List<String> filter,
            @Parameter(description = "Search in first, last and display name and email, ignoring case", example = "lovel") @QueryParam("q") @Size(max = 200) String q,
            @Parameter(description = "Only contacts this integration supplies") @QueryParam("source") UUID source,
            @Parameter(description = "Sort field, '-' before it for descending; lastName by default", example = "-hireDate") @QueryParam("sort") String sort,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @Parameter(description = "Also count every matching contact") @QueryParam("total") @DefaultValue("false") boolean total) {
        ContactService.Page page = contacts.list(query(filter, q, source, sort), cursor, limit, total);
        return new ContactPage(page.items().stream().map(ContactResponse::of).toList(), page.nextCursor(),
                page.total());
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed(Permissions.CONTACTS_READ)
    @Operation(summary = "Export contacts as CSV", description = "The contacts the same filters select, in the same"
            + " order, streamed: id, uniqueId, then every system field. Needs 'contacts-read'.")
    @APIResponse(responseCode = "200", description = "CSV (RFC 4180) with a header row", content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "id,uniqueId,city,country\r\n5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95,ada.lovelace@acme.example,London,GB\r\n")))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(
            @Parameter(description = FILTER, example = "department:eq:Engineering") @QueryParam("filter") List<String> filter,
            @Parameter(description = "Search in names and email", example = "lovel") @QueryParam("q") @Size(max = 200) String q,
            @Parameter(description = "Only contacts this integration supplies") @QueryParam("source") UUID source,
            @Parameter(description = "Sort field, '-' before it for descending", example = "lastName") @QueryParam("sort") String sort) {
        ContactQuery query = query(filter, q, source, sort);
        StreamingOutput body = out -> contacts.export(query, out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"contacts.csv\"").build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.CONTACTS_READ)
    @Operation(summary = "Read a contact", description = "Needs 'contacts-read'.")
    @APIResponse(responseCode = "200", description = "The contact", content = @Content(schema = @Schema(implementation = ContactResponse.class)))
    @APIResponse(responseCode = "404", description = "No such contact in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactResponse get(@PathParam("id") UUID id) {
        return ContactResponse.of(contacts.get(caller.tenantId(), id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.CONTACTS_DELETE)
    @Operation(summary = "Delete a contact", description = "In Roster only, recorded with who deleted it, and"
            + " announced as ContactDeleted. A source that still has the person brings it back with its next"
            + " sync. Needs 'contacts-delete'.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such contact in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        contacts.delete(caller.tenantId(), id, caller.subject());
        return Response.noContent().build();
    }

    private ContactQuery query(List<String> filter, String q, UUID source, String sort) {
        return queries.query(caller.tenantId(), filter, q, source, sort);
    }
}
