package dev.roster.directory.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ListMembersChanged", description = "What a change of members did", example = """
        {"changed": 2, "unchanged": 1, "memberCount": 25}""")
public record MembersChanged(
        @Schema(description = "Contacts added (or removed) by this request; each is announced by one event") long changed,
        @Schema(description = "Contacts named that were already members (when adding) or were no members (when"
                + " removing by id)") long unchanged,
        @Schema(description = "The list's members after the change") long memberCount) {
}
