package dev.roster.mapping.rest;

import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.problem.ProblemException;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.mapping.domain.ContactSchema;
import dev.roster.mapping.domain.CustomField;
import dev.roster.mapping.service.SchemaService;

@Path("/api/v1/schema/fields")
@Tag(name = "Contact schema", description = "The system and custom fields of the tenant's contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SchemaResource {

    @Inject
    SchemaService schema;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "List the contact fields", description = "Needs 'integrations-edit' or 'mappings-edit'."
            + " The system fields, then the custom fields by key; a custom field whose label repeats a system"
            + " field's names it in sameLabelAs.")
    @APIResponse(responseCode = "200", description = "Every field of the tenant's schema", content = @Content(schema = @Schema(implementation = SchemaFieldResponse.class, type = SchemaType.ARRAY), examples = @ExampleObject(name = "withCustomFields", value = """
            [{"key": "email", "label": "Email", "type": "TEXT", "system": true, "version": 0, "sameLabelAs": null},
             {"key": "hireDate", "label": "Hire date", "type": "DATE", "system": true, "version": 0, "sameLabelAs": null},
             {"key": "costCenter", "label": "Cost center", "type": "NUMBER", "system": false, "version": 2,
              "sameLabelAs": null},
             {"key": "workCity", "label": "City", "type": "TEXT", "system": false, "version": 1, "sameLabelAs": "city"}]""")))
    @APIResponse(responseCode = "403", description = "The token grants neither permission", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<SchemaFieldResponse> list() {
        return Stream.concat(ContactSchema.SYSTEM_FIELDS.stream().map(SchemaFieldResponse::of),
                schema.customFields(caller.tenantId()).stream().map(SchemaFieldResponse::of)).toList();
    }

    @POST
    @RolesAllowed(Permissions.MAPPINGS_EDIT)
    @Operation(summary = "Add a custom field", description = "Needs 'mappings-edit'. Publishes ContactSchemaChanged.")
    @APIResponse(responseCode = "201", description = "The new field", content = @Content(schema = @Schema(implementation = SchemaFieldResponse.class)))
    @APIResponse(responseCode = "400", description = "A field of the request is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks 'mappings-edit'", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key exists already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull SchemaRequests.Create request) {
        CustomField field = schema.create(caller.tenantId(), request.key(), request.label(), request.type(), "");
        return Response.status(201).entity(SchemaFieldResponse.of(field))
                .tag(new EntityTag(Integer.toString(field.version))).build();
    }

    @PATCH
    @Path("/{key}")
    @RolesAllowed(Permissions.MAPPINGS_EDIT)
    @Operation(summary = "Rename a custom field", description = "Needs 'mappings-edit'. With If-Match, only if no"
            + " one renamed it since. Publishes ContactSchemaChanged.")
    @APIResponse(responseCode = "200", description = "The field as it is now", content = @Content(schema = @Schema(implementation = SchemaFieldResponse.class)))
    @APIResponse(responseCode = "400", description = "The label is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks 'mappings-edit'", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such custom field in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Renamed since the version in If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rename(@PathParam("key") String key,
            @Parameter(in = ParameterIn.HEADER, description = "The ETag of the version read (optional)", example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull SchemaRequests.Rename request) {
        CustomField field = schema.rename(caller.tenantId(), key, version(ifMatch), request.label());
        return Response.ok(SchemaFieldResponse.of(field)).tag(new EntityTag(Integer.toString(field.version))).build();
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed(Permissions.MAPPINGS_EDIT)
    @Operation(summary = "Delete a custom field", description = "Needs 'mappings-edit'. Refused while a mapping"
            + " uses it. Publishes ContactSchemaChanged.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The token lacks 'mappings-edit'", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such custom field in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Mappings use it; the problem names their integrations", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("key") String key) {
        schema.delete(caller.tenantId(), key);
        return Response.noContent().build();
    }

    private static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(ifMatch.strip().replace("W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ProblemException.of(412, "stale", "Precondition failed", "If-Match " + ifMatch
                    + " is not an ETag of this field");
        }
    }
}
