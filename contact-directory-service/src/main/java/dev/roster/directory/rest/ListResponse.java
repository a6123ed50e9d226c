package dev.roster.directory.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.roster.directory.list.DistributionList;
import dev.roster.directory.list.ListService;
import dev.roster.directory.list.Selection;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "DistributionList", description = "A distribution list with its member count", example = """
        {"id": "9e2b4c71-3d5f-4a8e-b6c0-1f7a2d9e5b34", "name": "Engineering all-hands",
         "description": "Everyone in Engineering", "type": "DYNAMIC", "filter": ["department:eq:Engineering"],
         "memberCount": 312, "createdBy": "4d1e0c2b-admin", "createdAt": "2026-11-23T08:00:00Z",
         "updatedAt": "2026-11-23T08:00:00Z"}""")
public record ListResponse(
        UUID id,
        String name,
        String description,
        DistributionList.Type type,
        @Schema(description = "Dynamic lists: the saved filters") List<String> filter,
        @Schema(description = "Dynamic lists: the saved search") String q,
        @Schema(description = "Dynamic lists: the saved source integration") UUID source,
        @Schema(description = "Static lists: the members stored; dynamic lists: the contacts the filter selects now."
                + " Absent when a dynamic list's filter no longer fits the tenant's schema (a custom field it names"
                + " was removed); its members then answer 409.") Long memberCount,
        @Schema(description = "The subject of the token that created the list") String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static ListResponse of(ListService.Counted counted) {
        DistributionList list = counted.list();
        Selection selection = list.selection();
        return new ListResponse(list.id(), list.name(), list.description(), list.type(),
                selection == null ? null : selection.filter(), selection == null ? null : selection.q(),
                selection == null ? null : selection.source(), counted.memberCount(), list.createdBy(),
                list.createdAt(), list.updatedAt());
    }
}
