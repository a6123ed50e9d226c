package dev.roster.directory.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.directory.space.InvitationMessage;
import dev.roster.directory.space.SpaceType;

/** The request bodies of the spaces API. */
public final class SpaceRequests {

    private SpaceRequests() {
    }

    @Schema(name = "CreateSpaceRequest", example = """
            {"type": "LAB", "name": "Robotics lab", "parentId": "0b7c2f4e-8d1a-4c3b-9e5f-2a6d8c1b7e90"}""")
    public record Create(
            @Schema(description = "ORGANIZATION (no parent, a seat limit), LAB (in an organization) or CHALLENGE (in a lab)") SpaceType type,
            @Schema(description = "1 to 200 characters", example = "Robotics lab") String name,
            @Schema(description = "The organization of a lab, the lab of a challenge") UUID parentId,
            @Schema(description = "An organization's seat limit: the most distinct contacts that may be members anywhere in it", example = "250") Integer userLimit) {
    }

    @Schema(name = "InvitationMessage", description = "Subject and body; placeholders {{firstName}}, {{lastName}},"
            + " {{displayName}}, {{email}}, {{spaceName}}, {{inviterName}}", example = """
                    {"subject": "Welcome to {{spaceName}}", "body": "Hello {{firstName}}, {{inviterName}} invites you."}""")
    public record Message(String subject, String body) {

        InvitationMessage toMessage() {
            return new InvitationMessage(subject, body);
        }
    }

    @Schema(name = "SpaceImportRequest", description = "Exactly one selection: contactIds, integrationId or filter", example = """
            {"contactIds": ["5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95"], "role": "member",
             "invitation": {"subject": "Welcome to {{spaceName}}", "body": "Hello {{firstName}}, {{inviterName}} invites you."}}""")
    public record Import(
            @Schema(description = "Chosen contacts, 1 to 1,000") List<UUID> contactIds,
            @Schema(description = "All contacts this integration supplies") UUID integrationId,
            @Schema(description = "All contacts matching these filters (the contacts API's field:operator[:value])") List<String> filter,
            @Schema(description = "With a filter: also a search on names and email") String q,
            @Schema(description = "One role for every selected contact", example = "member") String role,
            @Schema(description = "A role per contact id (beats role)") Map<UUID, String> roles,
            @Schema(description = "Change the role of contacts who are members already (default: keep it)") Boolean updateExistingRoles,
            @Schema(description = "Import as many as the seat limit allows instead of refusing the whole import") Boolean allowPartial,
            @Schema(description = "The invitation to send; a default one when absent") Message invitation) {
    }

    @Schema(name = "InvitationPreviewRequest", example = """
            {"contactId": "5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95",
             "invitation": {"subject": "Welcome to {{spaceName}}", "body": "Hello {{firstName}}"}}""")
    public record Preview(UUID contactId, Message invitation) {
    }
}
