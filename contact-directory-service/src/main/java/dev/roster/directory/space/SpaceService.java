package dev.roster.directory.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.ContactAddedToSpace;
import dev.roster.commons.events.ContactRemovedFromSpace;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.InvitationRequested;
import dev.roster.commons.events.SpaceRoleChanged;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.commons.problem.Problem;
import dev.roster.commons.problem.ProblemException;
import dev.roster.directory.contact.ContactQueries;
import dev.roster.directory.contact.ContactQuery;
import dev.roster.directory.contact.ContactsRemoved;

/**
 * Spaces, their members and invitations. An import runs in one transaction that first locks the organization's
 * row, so two imports cannot together pass its seat limit; memberships, invitations and their events are
 * written set-based, never a round trip per contact.
 */
@ApplicationScoped
@Transactional
public class SpaceService {

    static final String SOURCE = "/roster/contact-directory-service";
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A space with its member count (an organization's members are its seats in use), read by {@link #space}. */
    private static final String SELECT_SPACE = "SELECT s.space_id, s.type, s.name, s.parent_id, s.organization_id,"
            + " s.user_limit, s.created_by, s.created_at,"
            + " (SELECT count(*) FROM space_member m WHERE m.space_id = s.space_id) FROM space s";

    @Inject
    DataSource dataSource;

    @Inject
    ContactQueries queries;

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "roster.directory.invitations.ttl", defaultValue = "P14D")
    Duration invitationTtl;

    @ConfigProperty(name = "roster.directory.spaces.max-selected", defaultValue = "10000")
    int maxSelected;

    /** Who asks: the tenant, the token's subject and name, and whether they are a parent admin. */
    public record Actor(String tenant, String subject, String name, boolean parentAdmin) {
    }

    public record Space(UUID id, SpaceType type, String name, UUID parentId, UUID organizationId, Integer userLimit,
            String createdBy, OffsetDateTime createdAt, long memberCount, Long seatsInUse) {
    }

    public record Member(UUID contactId, String uniqueId, String role, OffsetDateTime addedAt) {
    }

    public record Selection(List<UUID> contactIds, UUID integrationId, List<String> filter, String q) {
    }

    public record ImportRequest(Selection selection, String role, Map<UUID, String> roles,
            boolean updateExistingRoles, boolean allowPartial, InvitationMessage invitation) {
    }

    public record Imported(UUID contactId, String role) {
    }

    public record AlreadyMember(UUID contactId, String role, boolean roleChanged) {
    }

    public record Skipped(UUID contactId, String reason) {
    }

    public record ImportResult(UUID importId, List<Imported> imported, List<AlreadyMember> alreadyMembers,
            List<Skipped> skipped, int invitationsQueued) {
    }

    public record Accepted(UUID invitationId, UUID spaceId, String spaceName, String role, String status) {
    }

    public record Invitation(UUID id, UUID contactId, String role, String status, OffsetDateTime expiresAt,
            OffsetDateTime createdAt, String acceptedBy, OffsetDateTime acceptedAt) {
    }

    private record Candidate(UUID contactId, String uniqueId, Map<String, String> fields) {
    }

    public Space create(Actor actor, SpaceType type, String name, UUID parentId, Integer userLimit) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw ProblemException.invalidField("name", "1 to 200 characters");
        }
        if (type == null) {
            throw ProblemException.invalidField("type", "one of ORGANIZATION, LAB, CHALLENGE");
        }
        UUID organization = null;
        if (type == SpaceType.ORGANIZATION) {
            if (parentId != null) {
                throw ProblemException.invalidField("parentId", "an organization has no parent");
            }
            if (userLimit == null || userLimit < 1) {
                throw ProblemException.invalidField("userLimit", "an organization's seat limit, at least 1");
            }
        } else {
            if (userLimit != null) {
                throw ProblemException.invalidField("userLimit", "only an organization has a seat limit");
            }
            if (parentId == null) {
                throw ProblemException.invalidField("parentId", "a " + type + " needs a " + type.parent() + " parent");
            }
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        try (Connection c = dataSource.getConnection()) {
            if (type != SpaceType.ORGANIZATION) {
                Space parent = find(c, actor.tenant(), parentId, "parentId");
                if (parent.type() != type.parent()) {
                    throw ProblemException.invalidField("parentId", "a " + type + " needs a " + type.parent()
                            + " parent, not a " + parent.type());
                }
                requireAdmin(c, actor, parent.organizationId());
                organization = parent.organizationId();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO space (space_id, tenant_id, type, name,"
                    + " parent_id, organization_id, user_limit, created_by, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setObject(1, id);
                s.setString(2, actor.tenant());
                s.setString(3, type.name());
                s.setString(4, name.strip());
                s.setObject(5, parentId);
                s.setObject(6, organization == null ? id : organization);
                s.setObject(7, userLimit);
                s.setString(8, actor.subject());
                s.setObject(9, now);
                s.executeUpdate();
            }
            if (type == SpaceType.ORGANIZATION) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO space_admin (organization_id, subject, role) VALUES (?, ?, 'owner')")) {
                    s.setObject(1, id);
                    s.setString(2, actor.subject());
                    s.executeUpdate();
                }
            }
            return find(c, actor.tenant(), id, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Space get(String tenant, UUID id) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, tenant, id, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page of the tenant's spaces, oldest first, optionally the children of one; after: the last id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Space> list(String tenant, UUID parentId, UUID after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(SELECT_SPACE + " WHERE s.tenant_id = ?"
                        + " AND (CAST(? AS uuid) IS NULL OR s.parent_id = ?)"
                        + " AND (CAST(? AS uuid) IS NULL OR (s.created_at, s.space_id) >"
                        + " (SELECT created_at, space_id FROM space WHERE space_id = ?))"
                        + " ORDER BY s.created_at, s.space_id LIMIT ?")) {
            s.setString(1, tenant);
            s.setObject(2, parentId);
            s.setObject(3, parentId);
            s.setObject(4, after);
            s.setObject(5, after);
            s.setInt(6, limit);
            List<Space> spaces = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    spaces.add(space(r));
                }
            }
            return spaces;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page of a space's invitations, newest first, optionally of one status; after: the last id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Invitation> invitations(Actor actor, UUID spaceId, String status, UUID after, int limit) {
        try (Connection c = dataSource.getConnection()) {
            Space space = find(c, actor.tenant(), spaceId, null);
            requireAdmin(c, actor, space.organizationId());
            try (PreparedStatement s = c.prepareStatement("SELECT invitation_id, contact_id, role,"
                    + " CASE WHEN status = 'PENDING' AND expires_at < now() THEN 'EXPIRED' ELSE status END,"
                    + " expires_at, created_at, accepted_by, accepted_at FROM invitation WHERE space_id = ?"
                    + " AND (CAST(? AS text) IS NULL OR (CASE WHEN status = 'PENDING' AND expires_at < now()"
                    + " THEN 'EXPIRED' ELSE status END) = ?)"
                    + " AND (CAST(? AS uuid) IS NULL OR (created_at, invitation_id) <"
                    + " (SELECT created_at, invitation_id FROM invitation WHERE invitation_id = ?))"
                    + " ORDER BY created_at DESC, invitation_id DESC LIMIT ?")) {
                s.setObject(1, spaceId);
                s.setString(2, status);
                s.setString(3, status);
                s.setObject(4, after);
                s.setObject(5, after);
                s.setInt(6, limit);
                List<Invitation> page = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        page.add(new Invitation(r.getObject(1, UUID.class), r.getObject(2, UUID.class),
                                r.getString(3), r.getString(4), r.getObject(5, OffsetDateTime.class),
                                r.getObject(6, OffsetDateTime.class), r.getString(7),
                                r.getObject(8, OffsetDateTime.class)));
                    }
                }
                return page;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a pending or expired invitation again: a new token (the old one stops working), a new expiry, and a
     * new InvitationRequested with the space's default message. An accepted or revoked one is 409.
     */
    public void resend(Actor actor, UUID spaceId, UUID invitationId) {
        try (Connection c = dataSource.getConnection()) {
            Space space = find(c, actor.tenant(), spaceId, null);
            requireAdmin(c, actor, space.organizationId());
            Candidate invitee;
            try (PreparedStatement s = c.prepareStatement("SELECT i.status, c.contact_id, c.unique_id,"
                    + " c.fields::text FROM invitation i JOIN contact c ON c.contact_id = i.contact_id"
                    + " WHERE i.invitation_id = ? AND i.space_id = ? FOR UPDATE OF i")) {
                s.setObject(1, invitationId);
                s.setObject(2, spaceId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ProblemException.notFound("invitation", invitationId);
                    }
                    if (!List.of("PENDING", "EXPIRED").contains(r.getString(1))) {
                        throw ProblemException.conflict("the invitation is " + r.getString(1)
                                + "; only a pending or expired one is sent again");
                    }
                    invitee = new Candidate(r.getObject(2, UUID.class), r.getString(3), fields(r.getString(4)));
                }
            }
            String token = token();
            OffsetDateTime expires = now().plus(invitationTtl);
            try (PreparedStatement s = c.prepareStatement("UPDATE invitation SET token_hash = ?, expires_at = ?,"
                    + " status = 'PENDING' WHERE invitation_id = ?")) {
                s.setString(1, hash(token));
                s.setObject(2, expires);
                s.setObject(3, invitationId);
                s.executeUpdate();
            }
            InvitationMessage rendered = InvitationMessage.DEFAULT.render(values(invitee, space, actor));
            String key = space.id().toString();
            outbox.publish(Topics.INVITATIONS, key, codec.envelope(SOURCE, EventTypes.INVITATION_REQUESTED,
                    invitationId.toString(), actor.tenant(), new InvitationRequested(invitationId, space.id(),
                            space.name(), space.type().name(), invitee.contactId(), invitee.fields().get("email"),
                            name(invitee), rendered.subject(), rendered.body(), token, expires, actor.name())));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page of a space's members by contact id; {@code after} is the last contact id of the previous page. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Member> members(String tenant, UUID spaceId, UUID after, int limit) {
        try (Connection c = dataSource.getConnection()) {
            find(c, tenant, spaceId, null);
            try (PreparedStatement s = c.prepareStatement("SELECT m.contact_id, c.unique_id, m.role, m.added_at"
                    + " FROM space_member m JOIN contact c ON c.contact_id = m.contact_id"
                    + " WHERE m.space_id = ? AND m.contact_id > ? ORDER BY m.contact_id LIMIT ?")) {
                s.setObject(1, spaceId);
                s.setObject(2, after == null ? new UUID(0L, 0L) : after); // the smallest uuid as PostgreSQL orders them
                s.setInt(3, limit);
                List<Member> members = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        members.add(new Member(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                                r.getObject(4, OffsetDateTime.class)));
                    }
                }
                return members;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The invitation one contact would receive, rendered, without importing or sending anything. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public InvitationMessage preview(Actor actor, UUID spaceId, UUID contactId, InvitationMessage message) {
        InvitationMessage checked = InvitationMessage.checked(message, "invitation");
        try (Connection c = dataSource.getConnection()) {
            Space space = find(c, actor.tenant(), spaceId, null);
            requireAdmin(c, actor, space.organizationId());
            List<Candidate> found = byIds(c, actor.tenant(), List.of(contactId));
            if (found.isEmpty()) {
                throw ProblemException.notFound("contact", contactId);
            }
            return checked.render(values(found.get(0), space, actor));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public ImportResult importContacts(Actor actor, UUID spaceId, ImportRequest request) {
        InvitationMessage message = InvitationMessage.checked(request.invitation(), "invitation");
        try (Connection c = dataSource.getConnection()) {
            Space space = find(c, actor.tenant(), spaceId, null);
            requireAdmin(c, actor, space.organizationId());
            int limit = lockOrganization(c, space.organizationId());
            checkRoles(space.type(), request);

            List<Skipped> skipped = new ArrayList<>();
            List<Candidate> candidates = select(c, actor.tenant(), request.selection(), skipped);
            Map<UUID, String> inSpace = roles(c, spaceId, candidates);
            Set<UUID> inOrganization = space.type() == SpaceType.ORGANIZATION
                    ? inSpace.keySet()
                    : roles(c, space.organizationId(), candidates).keySet();

            List<Candidate> joining = new ArrayList<>();
            List<AlreadyMember> already = new ArrayList<>();
            List<Candidate> roleChanges = new ArrayList<>();
            for (Candidate candidate : candidates) {
                String role = roleOf(request, candidate.contactId());
                String current = inSpace.get(candidate.contactId());
                if (current != null) {
                    boolean change = request.updateExistingRoles() && !current.equals(role);
                    already.add(new AlreadyMember(candidate.contactId(), change ? role : current, change));
                    if (change) {
                        roleChanges.add(candidate);
                    }
                } else if (blank(candidate.fields().get("email"))) {
                    skipped.add(new Skipped(candidate.contactId(), "NO_EMAIL"));
                } else {
                    joining.add(candidate);
                }
            }
            long seatsInUse = count(c, space.organizationId());
            long needed = joining.stream().filter(j -> !inOrganization.contains(j.contactId())).count();
            long free = Math.max(0, limit - seatsInUse);
            if (needed > free) {
                if (!request.allowPartial()) {
                    throw new ProblemException(new Problem(Problem.TYPE_BASE + "seat-limit", "Seat limit reached",
                            422, "the import needs " + needed + " seats; the organization has " + free + " of "
                                    + limit + " left. Nothing was imported",
                            null, null, Map.of("limit", limit, "seatsInUse", seatsInUse, "seatsNeeded", needed)));
                }
                List<Candidate> fitting = new ArrayList<>();
                long taken = 0;
                for (Candidate j : joining) {
                    if (inOrganization.contains(j.contactId())) {
                        fitting.add(j);
                    } else if (taken < free) {
                        taken++;
                        fitting.add(j);
                    } else {
                        skipped.add(new Skipped(j.contactId(), "SEAT_LIMIT"));
                    }
                }
                joining = fitting;
            }

            OffsetDateTime now = now();
            UUID importId = UUID.randomUUID();
            List<Outbox.Message> events = new ArrayList<>();
            List<Imported> imported = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            List<UUID> orgIds = new ArrayList<>();
            for (Candidate j : joining) {
                String role = roleOf(request, j.contactId());
                imported.add(new Imported(j.contactId(), role));
                ids.add(j.contactId());
                roles.add(role);
                events.add(contactEvent(EventTypes.CONTACT_ADDED_TO_SPACE, j.contactId(), actor.tenant(),
                        new ContactAddedToSpace(j.contactId(), j.uniqueId(), space.id(), space.name(),
                                space.type().name(), space.organizationId(), role)));
                if (space.type() != SpaceType.ORGANIZATION && !inOrganization.contains(j.contactId())) {
                    orgIds.add(j.contactId());
                }
            }
            addMembers(c, spaceId, space.organizationId(), ids, roles, now);
            if (!orgIds.isEmpty()) {
                Space organization = find(c, actor.tenant(), space.organizationId(), null);
                addMembers(c, space.organizationId(), space.organizationId(), orgIds,
                        orgIds.stream().map(id -> "member").toList(), now);
                Map<UUID, Candidate> byId = new HashMap<>();
                joining.forEach(j -> byId.put(j.contactId(), j));
                for (UUID id : orgIds) {
                    events.add(contactEvent(EventTypes.CONTACT_ADDED_TO_SPACE, id, actor.tenant(),
                            new ContactAddedToSpace(id, byId.get(id).uniqueId(), organization.id(),
                                    organization.name(), SpaceType.ORGANIZATION.name(), organization.id(), "member")));
                }
            }
            for (Candidate changed : roleChanges) {
                String role = roleOf(request, changed.contactId());
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE space_member SET role = ? WHERE space_id = ? AND contact_id = ?")) {
                    s.setString(1, role);
                    s.setObject(2, spaceId);
                    s.setObject(3, changed.contactId());
                    s.executeUpdate();
                }
                events.add(contactEvent(EventTypes.SPACE_ROLE_CHANGED, changed.contactId(), actor.tenant(),
                        new SpaceRoleChanged(changed.contactId(), changed.uniqueId(), space.id(), space.name(), role,
                                inSpace.get(changed.contactId()))));
            }
            events.addAll(invite(c, actor, space, importId, joining, request, message, now));
            outbox.publishAll(events);
            return new ImportResult(importId, imported, already, skipped, joining.size());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts an invitation by its token, once; an expired or revoked one is 410 (and an expiry recorded). */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Accepted accept(String tenant, String subject, String token) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT i.invitation_id, i.space_id, s.name, i.role,"
                        + " i.status, i.expires_at < now(), s.type, s.organization_id FROM invitation i"
                        + " JOIN space s ON s.space_id = i.space_id WHERE i.token_hash = ? AND s.tenant_id = ?"
                        + " FOR UPDATE OF i")) {
            s.setString(1, hash(token));
            s.setString(2, tenant);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ProblemException.notFound("invitation", "with this token");
                }
                UUID id = r.getObject(1, UUID.class);
                String status = r.getString(5);
                if ("ACCEPTED".equals(status)) {
                    throw ProblemException.conflict("the invitation was accepted already");
                }
                if ("REVOKED".equals(status)) {
                    throw ProblemException.of(410, "invitation-revoked", "Invitation revoked",
                            "the invitation was revoked");
                }
                if ("EXPIRED".equals(status) || r.getBoolean(6)) {
                    setStatus(c, id, "EXPIRED");
                    throw ProblemException.of(410, "invitation-expired", "Invitation expired",
                            "the invitation expired; ask for a new one");
                }
                try (PreparedStatement u = c.prepareStatement("UPDATE invitation SET status = 'ACCEPTED',"
                        + " accepted_by = ?, accepted_at = now() WHERE invitation_id = ?")) {
                    u.setString(1, subject);
                    u.setObject(2, id);
                    u.executeUpdate();
                }
                String role = r.getString(4);
                if (SpaceType.ORGANIZATION.name().equals(r.getString(7)) && !"member".equals(role)) {
                    try (PreparedStatement a = c.prepareStatement("INSERT INTO space_admin (organization_id,"
                            + " subject, role) VALUES (?, ?, ?) ON CONFLICT (organization_id, subject)"
                            + " DO UPDATE SET role = excluded.role")) {
                        a.setObject(1, r.getObject(8, UUID.class));
                        a.setString(2, subject);
                        a.setString(3, role);
                        a.executeUpdate();
                    }
                }
                return new Accepted(id, r.getObject(2, UUID.class), r.getString(3), role, "ACCEPTED");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Revokes a pending invitation: its token no longer works. */
    public void revoke(Actor actor, UUID spaceId, UUID invitationId) {
        try (Connection c = dataSource.getConnection()) {
            Space space = find(c, actor.tenant(), spaceId, null);
            requireAdmin(c, actor, space.organizationId());
            try (PreparedStatement s = c.prepareStatement("UPDATE invitation SET status = 'REVOKED'"
                    + " WHERE invitation_id = ? AND space_id = ? RETURNING status")) {
                s.setObject(1, invitationId);
                s.setObject(2, spaceId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ProblemException.notFound("invitation", invitationId);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A contact leaving the directory leaves every space, announced, and its pending invitations are revoked; on
     * the deleting transaction's connection, before the contact row goes.
     */
    void contactsRemoved(@Observes ContactsRemoved removed) {
        if (removed.contactIds().isEmpty()) {
            return;
        }
        Connection c = removed.connection();
        List<Outbox.Message> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("WITH gone AS (DELETE FROM space_member m USING space s"
                + " WHERE m.contact_id = ANY(?) AND s.space_id = m.space_id AND s.tenant_id = ?"
                + " RETURNING m.contact_id, m.space_id, s.name)"
                + " SELECT g.contact_id, c.unique_id, g.space_id, g.name FROM gone g"
                + " JOIN contact c ON c.contact_id = g.contact_id ORDER BY g.contact_id, g.space_id")) {
            s.setArray(1, c.createArrayOf("uuid", removed.contactIds().toArray()));
            s.setString(2, removed.tenant());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID contact = r.getObject(1, UUID.class);
                    events.add(contactEvent(EventTypes.CONTACT_REMOVED_FROM_SPACE, contact, removed.tenant(),
                            new ContactRemovedFromSpace(contact, r.getString(2), r.getObject(3, UUID.class),
                                    r.getString(4), ContactRemovedFromSpace.Reason.CONTACT_DELETED)));
                }
            }
            try (PreparedStatement u = c.prepareStatement("UPDATE invitation SET status = 'REVOKED'"
                    + " WHERE contact_id = ANY(?) AND status = 'PENDING'")) {
                u.setArray(1, c.createArrayOf("uuid", removed.contactIds().toArray()));
                u.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        outbox.publishAll(events);
    }

    private List<Outbox.Message> invite(Connection c, Actor actor, Space space, UUID importId, List<Candidate> invitees,
            ImportRequest request, InvitationMessage message, OffsetDateTime now) throws SQLException {
        if (invitees.isEmpty()) {
            return List.of();
        }
        OffsetDateTime expires = now.plus(invitationTtl);
        int n = invitees.size();
        UUID[] ids = new UUID[n];
        UUID[] contacts = new UUID[n];
        String[] hashes = new String[n];
        String[] roles = new String[n];
        List<Outbox.Message> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate invitee = invitees.get(i);
            String token = token();
            ids[i] = UUID.randomUUID();
            contacts[i] = invitee.contactId();
            hashes[i] = hash(token);
            roles[i] = roleOf(request, invitee.contactId());
            InvitationMessage rendered = message.render(values(invitee, space, actor));
            String key = space.id().toString();
            events.add(new Outbox.Message(Topics.INVITATIONS, key, codec.envelope(SOURCE,
                    EventTypes.INVITATION_REQUESTED, ids[i].toString(), actor.tenant(),
                    new InvitationRequested(ids[i], space.id(), space.name(), space.type().name(),
                            invitee.contactId(), invitee.fields().get("email"), name(invitee), rendered.subject(),
                            rendered.body(), token, expires, actor.name()))));
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO invitation (invitation_id, space_id, contact_id,"
                + " import_id, token_hash, status, role, expires_at, created_at)"
                + " SELECT i, ?, c, ?, h, 'PENDING', r, ?, ? FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[])"
                + " AS t(i, c, h, r)")) {
            s.setObject(1, space.id());
            s.setObject(2, importId);
            s.setObject(3, expires);
            s.setObject(4, now);
            s.setArray(5, c.createArrayOf("uuid", ids));
            s.setArray(6, c.createArrayOf("uuid", contacts));
            s.setArray(7, c.createArrayOf("text", hashes));
            s.setArray(8, c.createArrayOf("text", roles));
            s.executeUpdate();
        }
        return events;
    }

    private List<Candidate> select(Connection c, String tenant, Selection selection, List<Skipped> skipped)
            throws SQLException {
        int given = (selection.contactIds() == null ? 0 : 1) + (selection.integrationId() == null ? 0 : 1)
                + (selection.filter() == null || selection.filter().isEmpty() ? 0 : 1);
        if (given != 1) {
            throw ProblemException.invalidField("contactIds",
                    "choose exactly one of contactIds, integrationId or filter");
        }
        if (selection.contactIds() != null) {
            List<UUID> ids = new ArrayList<>(new java.util.LinkedHashSet<>(selection.contactIds()));
            if (ids.isEmpty() || ids.size() > 1_000) {
                throw ProblemException.invalidField("contactIds", "1 to 1,000 contact ids");
            }
            List<Candidate> found = byIds(c, tenant, ids);
            Set<UUID> seen = new HashSet<>();
            found.forEach(f -> seen.add(f.contactId()));
            ids.stream().filter(id -> !seen.contains(id)).forEach(id -> skipped.add(new Skipped(id, "NOT_FOUND")));
            Map<UUID, Candidate> byId = new LinkedHashMap<>();
            found.forEach(f -> byId.put(f.contactId(), f));
            return ids.stream().filter(byId::containsKey).map(byId::get).toList();
        }
        ContactQuery query = queries.query(tenant, selection.filter(), selection.q(), selection.integrationId(), null);
        List<Object> binds = new ArrayList<>();
        String sql = "SELECT c.contact_id, c.unique_id, c.fields::text FROM contact c WHERE "
                + query.condition(binds) + " ORDER BY c.contact_id LIMIT ?";
        binds.add(maxSelected + 1);
        List<Candidate> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < binds.size(); i++) {
                s.setObject(i + 1, binds.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new Candidate(r.getObject(1, UUID.class), r.getString(2), fields(r.getString(3))));
                }
            }
        }
        if (found.size() > maxSelected) {
            throw ProblemException.invalidField(selection.integrationId() != null ? "integrationId" : "filter",
                    "selects more than " + maxSelected + " contacts; import them in parts");
        }
        return found;
    }

    private List<Candidate> byIds(Connection c, String tenant, List<UUID> ids) throws SQLException {
        List<Candidate> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT contact_id, unique_id, fields::text FROM contact"
                + " WHERE tenant_id = ? AND contact_id = ANY(?)")) {
            s.setString(1, tenant);
            s.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new Candidate(r.getObject(1, UUID.class), r.getString(2), fields(r.getString(3))));
                }
            }
        }
        return found;
    }

    private static void checkRoles(SpaceType type, ImportRequest request) {
        if (request.role() != null && !type.roles().contains(request.role())) {
            throw ProblemException.invalidField("role", "'" + request.role() + "' is no role of a " + type
                    + "; one of " + type.roles());
        }
        if (request.roles() != null) {
            request.roles().forEach((id, role) -> {
                if (role == null || !type.roles().contains(role)) {
                    throw ProblemException.invalidField("roles." + id, "'" + role + "' is no role of a " + type
                            + "; one of " + type.roles());
                }
            });
        }
        if (request.role() == null && (request.roles() == null || request.roles().isEmpty())) {
            throw ProblemException.invalidField("role", "give one role for all, or roles per contact");
        }
        if (request.role() == null && request.selection().contactIds() != null) {
            for (UUID id : request.selection().contactIds()) {
                if (!request.roles().containsKey(id)) {
                    throw ProblemException.invalidField("roles", "no role for contact " + id
                            + "; give it one, or a role for all");
                }
            }
        } else if (request.role() == null) {
            throw ProblemException.invalidField("role", "a selection by integration or filter needs one role for all");
        }
    }

    private static String roleOf(ImportRequest request, UUID contactId) {
        String own = request.roles() == null ? null : request.roles().get(contactId);
        return own != null ? own : request.role();
    }

    private Map<UUID, String> roles(Connection c, UUID spaceId, List<Candidate> candidates) throws SQLException {
        Map<UUID, String> roles = new HashMap<>();
        if (candidates.isEmpty()) {
            return roles;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT contact_id, role FROM space_member WHERE space_id = ? AND contact_id = ANY(?)")) {
            s.setObject(1, spaceId);
            s.setArray(2, c.createArrayOf("uuid", candidates.stream().map(Candidate::contactId).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    roles.put(r.getObject(1, UUID.class), r.getString(2));
                }
            }
        }
        return roles;
    }

    private static void addMembers(Connection c, UUID spaceId, UUID organizationId, List<UUID> ids,
            List<String> roles, OffsetDateTime now) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO space_member (space_id, contact_id,"
                + " organization_id, role, added_at) SELECT ?, c, ?, r, ? FROM unnest(?::uuid[], ?::text[])"
                + " AS t(c, r)")) {
            s.setObject(1, spaceId);
            s.setObject(2, organizationId);
            s.setObject(3, now);
            s.setArray(4, c.createArrayOf("uuid", ids.toArray()));
            s.setArray(5, c.createArrayOf("text", roles.toArray()));
            s.executeUpdate();
        }
    }

    /** Locks the organization's row for the rest of the transaction and returns its seat limit. */
    private static int lockOrganization(Connection c, UUID organizationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT user_limit FROM space WHERE space_id = ? FOR UPDATE")) {
            s.setObject(1, organizationId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static long count(Connection c, UUID spaceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM space_member WHERE space_id = ?")) {
            s.setObject(1, spaceId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void requireAdmin(Connection c, Actor actor, UUID organizationId) throws SQLException {
        if (actor.parentAdmin()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM space_admin WHERE organization_id = ?"
                + " AND subject = ? AND role IN ('owner', 'admin')")) {
            s.setObject(1, organizationId);
            s.setString(2, actor.subject());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ProblemException.forbidden("managing this space needs the owner or admin role in its"
                            + " organization");
                }
            }
        }
    }

    /** A space of the tenant, with its counts; 404 (naming {@code field} as 400 when given) otherwise. */
    private Space find(Connection c, String tenant, UUID id, String field) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT_SPACE + " WHERE s.space_id = ? AND s.tenant_id = ?")) {
            s.setObject(1, id);
            s.setString(2, tenant);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    if (field != null) {
                        throw ProblemException.invalidField(field, "no such space in the tenant: " + id);
                    }
                    throw ProblemException.notFound("space", id);
                }
                return space(r);
            }
        }
    }

    /** A row of {@link #SELECT_SPACE}. */
    private static Space space(ResultSet r) throws SQLException {
        SpaceType type = SpaceType.valueOf(r.getString(2));
        long members = r.getLong(9);
        return new Space(r.getObject(1, UUID.class), type, r.getString(3), r.getObject(4, UUID.class),
                r.getObject(5, UUID.class), (Integer) r.getObject(6), r.getString(7),
                r.getObject(8, OffsetDateTime.class), members, type == SpaceType.ORGANIZATION ? members : null);
    }

    private static void setStatus(Connection c, UUID invitationId, String status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE invitation SET status = ? WHERE invitation_id = ?")) {
            s.setString(1, status);
            s.setObject(2, invitationId);
            s.executeUpdate();
        }
    }

    private Outbox.Message contactEvent(String type, UUID contactId, String tenant, Object data) {
        String key = contactId.toString();
        return new Outbox.Message(Topics.CONTACT_EVENTS, key, codec.envelope(SOURCE, type, key, tenant, data));
    }

    private static Map<String, String> values(Candidate contact, Space space, Actor actor) {
        Map<String, String> values = new HashMap<>();
        for (String field : List.of("firstName", "lastName", "displayName", "email")) {
            values.put(field, contact.fields().get(field));
        }
        values.put("spaceName", space.name());
        values.put("inviterName", actor.name());
        return values;
    }

    private static String name(Candidate contact) {
        String display = contact.fields().get("displayName");
        if (!blank(display)) {
            return display;
        }
        String joined = String.join(" ", java.util.stream.Stream.of(contact.fields().get("firstName"),
                contact.fields().get("lastName")).filter(p -> !blank(p)).toList());
        return joined.isEmpty() ? contact.fields().get("email") : joined;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private Map<String, String> fields(String text) {
        try {
            return json.readValue(text, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
