package dev.roster.directory.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.directory.space.SpaceService;
import dev.roster.directory.space.SpaceType;

/** The response bodies of the spaces API. */
public final class SpaceResponses {

    private SpaceResponses() {
    }

    @Schema(name = "Space", example = """
            {"id": "0b7c2f4e-8d1a-4c3b-9e5f-2a6d8c1b7e90", "type": "ORGANIZATION", "name": "Acme Research",
             "parentId": null, "organizationId": "0b7c2f4e-8d1a-4c3b-9e5f-2a6d8c1b7e90", "userLimit": 250,
             "seatsInUse": 42, "memberCount": 42, "createdBy": "alice", "createdAt": "2026-11-22T10:00:00Z"}""")
    public record Space(UUID id, SpaceType type, String name, UUID parentId, UUID organizationId, Integer userLimit,
            Long seatsInUse, long memberCount, String createdBy, OffsetDateTime createdAt) {

        static Space of(SpaceService.Space s) {
            return new Space(s.id(), s.type(), s.name(), s.parentId(), s.organizationId(), s.userLimit(),
                    s.seatsInUse(), s.memberCount(), s.createdBy(), s.createdAt());
        }
    }

    @Schema(name = "SpacePage", example = """
            {"items": [{"id": "0b7c2f4e-8d1a-4c3b-9e5f-2a6d8c1b7e90", "type": "ORGANIZATION", "name": "Acme Research",
                        "parentId": null, "organizationId": "0b7c2f4e-8d1a-4c3b-9e5f-2a6d8c1b7e90", "userLimit": 250,
                        "seatsInUse": 42, "memberCount": 42, "createdBy": "alice", "createdAt": "2026-11-22T10:00:00Z"}],
             "nextCursor": null}""")
    public record SpacePage(List<Space> items, String nextCursor) {
    }

    @Schema(name = "SpaceInvitationPage", example = """
            {"items": [{"id": "3f2e1d0c-9b8a-4765-8432-10fedcba9876", "contactId": "5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95",
                        "role": "member", "status": "PENDING", "expiresAt": "2026-12-06T10:05:00Z",
                        "createdAt": "2026-11-22T10:05:00Z", "acceptedBy": null, "acceptedAt": null}],
             "nextCursor": null}""")
    public record InvitationPage(List<SpaceService.Invitation> items, String nextCursor) {
    }

    @Schema(name = "SpaceMemberPage", example = """
            {"items": [{"contactId": "5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95", "uniqueId": "ada@acme.example",
                        "role": "member", "addedAt": "2026-11-22T10:05:00Z"}],
             "nextCursor": "5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95"}""")
    public record MemberPage(List<SpaceService.Member> items, String nextCursor) {
    }

    @Schema(name = "SpaceImportResult", description = "The confirmation of an import", example = """
            {"importId": "7d3e9a10-4b2c-4f6e-8a1d-5c9b0e2f4a67",
             "imported": [{"contactId": "5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95", "role": "member"}],
             "alreadyMembers": [{"contactId": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f", "role": "admin", "roleChanged": false}],
             "skipped": [{"contactId": "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b", "reason": "NO_EMAIL"}],
             "invitationsQueued": 1}""")
    public record ImportResult(UUID importId, List<SpaceService.Imported> imported,
            List<SpaceService.AlreadyMember> alreadyMembers, List<SpaceService.Skipped> skipped,
            int invitationsQueued) {

        static ImportResult of(SpaceService.ImportResult r) {
            return new ImportResult(r.importId(), r.imported(), r.alreadyMembers(), r.skipped(),
                    r.invitationsQueued());
        }
    }

    @Schema(name = "RenderedInvitation", example = """
            {"subject": "Welcome to Robotics lab", "body": "Hello Ada, Alice Admin invites you."}""")
    public record Rendered(String subject, String body) {
    }

    @Schema(name = "AcceptedInvitation", example = """
            {"invitationId": "3f2e1d0c-9b8a-4765-8432-10fedcba9876", "spaceId": "0b7c2f4e-8d1a-4c3b-9e5f-2a6d8c1b7e90",
             "spaceName": "Robotics lab", "role": "member", "status": "ACCEPTED"}""")
    public record Accepted(UUID invitationId, UUID spaceId, String spaceName, String role, String status) {

        static Accepted of(SpaceService.Accepted a) {
            return new Accepted(a.invitationId(), a.spaceId(), a.spaceName(), a.role(), a.status());
        }
    }
}
