package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@link EventTypes#INVITATION_REQUESTED} on {@link Topics#INVITATIONS} (key: the space id): one
 * invitation for the mail sender to deliver, once per invitee and import (a resend is a new invitation id and
 * token). The token is single-use and valid until {@code expiresAt}; the accept link is
 * {@code POST /api/v1/invitations/{token}/accept}. Roster keeps only a hash of it.
 */
public record InvitationRequested(UUID invitationId, UUID spaceId, String spaceName, String spaceType,
        UUID contactId, String email, String recipientName, String subject, String body, String token,
        OffsetDateTime expiresAt, String invitedBy) {
}
