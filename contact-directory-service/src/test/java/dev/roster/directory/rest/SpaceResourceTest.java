package dev.roster.directory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.roster.commons.events.ContactUpsertBatch.ContactUpsert;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.directory.sync.SyncCommands;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

/**
 * Spaces over the real database and broker: imports with roles and the seat limit, invitations exactly once and
 * their accept link, tenant and permission checks, and what a sync removal does to memberships and invitations.
 */
@QuarkusTest
class SpaceResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    private final String tenant = "t-" + UUID.randomUUID();
    private final UUID integration = UUID.randomUUID();
    private TestProducer producer;
    private TopicProbe contactEvents;
    private TopicProbe invitations;
    private TopicProbe progress;
    private SyncCommands worker;

    @BeforeEach
    void open() {
        producer = new TestProducer(bootstrap);
        contactEvents = TopicProbe.open(bootstrap, Topics.CONTACT_EVENTS);
        invitations = TopicProbe.open(bootstrap, Topics.INVITATIONS);
        progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
        worker = new SyncCommands(codec, producer, tenant, integration);
    }

    @AfterEach
    void close() {
        producer.close();
        contactEvents.close();
        invitations.close();
        progress.close();
    }

    @Test
    void fiftyContactsJoinALabEachWithItsRoleAndTheirOrganizationWithOneInvitationEach() {
        List<String> ids = sync(60);
        String org = organization("Acme Research", 100);
        String lab = space("LAB", "Robotics lab", org);
        StringBuilder roles = new StringBuilder();
        String[] kinds = {"admin", "member", "viewer"};
        for (int i = 0; i < 50; i++) {
            roles.append(i == 0 ? "" : ", ").append('"').append(ids.get(i)).append("\": \"").append(kinds[i % 3])
                    .append('"');
        }
        importInto(lab,
                """
                        {"contactIds": %s, "roles": {%s},
                         "invitation": {"subject": "Welcome to {{spaceName}}", "body": "Hello {{lastName}}, from {{inviterName}}"}}"""
                        .formatted(array(ids.subList(0, 50)), roles))
                .statusCode(200)
                .body("imported", hasSize(50)).body("imported[1].role", equalTo("member"))
                .body("imported[2].role", equalTo("viewer")).body("invitationsQueued", equalTo(50))
                .body("skipped", hasSize(0));
        get(lab).body("memberCount", equalTo(50));
        get(org).body("seatsInUse", equalTo(50)).body("memberCount", equalTo(50));
        given().auth().oauth2(admin()).queryParam("limit", 200).get("/api/v1/spaces/" + org + "/members").then()
                .statusCode(200).body("items", hasSize(50)).body("items.role", everyItem(
                        equalTo("member")));

        List<JsonNode> sent = awaitInvitations(lab, 50);
        JsonNode first = sent.stream().filter(i -> i.path("data").path("contactId").asText().equals(ids.get(0)))
                .findFirst().orElseThrow();
        assertEquals("Welcome to Robotics lab", first.path("data").path("subject").asText());
        assertEquals("Hello Person 0, from alice", first.path("data").path("body").asText());
        assertEquals("p0@example.com", first.path("data").path("email").asText());
        assertTrue(first.path("data").path("token").asText().length() >= 40);
        List<JsonNode> added = awaitContactEvents(EventTypes.CONTACT_ADDED_TO_SPACE, 100);
        assertEquals(50, added.stream().filter(e -> e.path("data").path("spaceId").asText().equals(lab)).count());
        assertEquals(50, added.stream().filter(e -> e.path("data").path("spaceId").asText().equals(org)).count());
    }

    @Test
    void selectAllOfAnIntegrationImportsExactlyItsContacts() {
        sync(12);
        SyncCommands other = new SyncCommands(codec, producer, tenant, UUID.randomUUID());
        awaitCompleted(other.fullSync(5, 100, n -> new ContactUpsert("o" + n, "o" + n + "@example.com",
                Map.of("email", "o" + n + "@example.com", "lastName", "Other " + n))));
        String org = organization("Acme", 50);
        importInto(org, """
                {"integrationId": "%s", "role": "member"}""".formatted(integration)).statusCode(200)
                .body("imported", hasSize(12)).body("invitationsQueued", equalTo(12));
        importInto(org, """
                {"filter": ["lastName:startsWith:Other"], "role": "admin"}""").statusCode(200)
                .body("imported", hasSize(5));
        get(org).body("seatsInUse", equalTo(17));
    }

    @Test
    void theSeatLimitHoldsExactly() {
        List<String> ids = sync(14);
        String org = organization("Small", 10);
        String lab = space("LAB", "Lab", org);
        importInto(lab, one(ids.subList(0, 10), "member")).statusCode(200).body("imported", hasSize(10));
        importInto(lab, one(ids.subList(10, 11), "member")).statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("limit", equalTo(10)).body("seatsInUse", equalTo(10)).body("seatsNeeded", equalTo(1));
        get(org).body("seatsInUse", equalTo(10));
        get(lab).body("memberCount", equalTo(10));
        // members of the organization already take no new seat in another of its spaces
        String other = space("LAB", "Other lab", org);
        importInto(other, one(ids.subList(0, 4), "viewer")).statusCode(200).body("imported", hasSize(4));
        // partial only when asked for
        importInto(other, """
                {"contactIds": %s, "role": "member", "allowPartial": true}""".formatted(array(ids.subList(4, 14))))
                .statusCode(200).body("imported", hasSize(6)).body("skipped.reason",
                        everyItem(equalTo("SEAT_LIMIT")))
                .body("skipped", hasSize(4));
        get(org).body("seatsInUse", equalTo(10));
    }

    @Test
    void twoImportsRacingForTheLastSeatsCannotBothWin() throws Exception {
        List<String> ids = sync(12);
        String org = organization("Racing", 10);
        importInto(org, one(ids.subList(0, 8), "member")).statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (List<String> part : List.of(ids.subList(8, 10), ids.subList(10, 12))) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return importInto(org, one(part, "member")).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 422), statuses);
        } finally {
            pool.shutdown();
        }
        get(org).body("seatsInUse", equalTo(10));
    }

    @Test
    void eachInviteeGetsOneInvitationPerImportAndImportingMembersAgainQueuesNone() {
        List<String> ids = sync(6);
        String org = organization("Once", 20);
        importInto(org, one(ids.subList(0, 5), "member")).statusCode(200).body("invitationsQueued", equalTo(5));
        importInto(org, """
                {"contactIds": %s, "role": "admin", "updateExistingRoles": true}""".formatted(array(ids.subList(0, 5))))
                .statusCode(200).body("imported", hasSize(0)).body("alreadyMembers", hasSize(5))
                .body("alreadyMembers[0].roleChanged", equalTo(true)).body("invitationsQueued", equalTo(0));
        // a later import's invitation shows everything before it was relayed
        importInto(org, one(ids.subList(5, 6), "member")).statusCode(200);
        List<JsonNode> sent = awaitInvitations(org, 6);
        assertEquals(6, sent.size());
        assertEquals(6, sent.stream().map(e -> e.path("id").asText()).distinct().count());
        assertEquals(5, awaitContactEvents(EventTypes.SPACE_ROLE_CHANGED, 5).size());
    }

    @Test
    void anInvitationIsAcceptedOnceAndAnExpiredOrRevokedOneNot() {
        List<String> ids = sync(3);
        String org = organization("Accepting", 10);
        importInto(org, """
                {"contactIds": %s, "roles": {"%s": "admin", "%s": "member", "%s": "member"}}"""
                .formatted(array(ids), ids.get(0), ids.get(1), ids.get(2))).statusCode(200);
        Map<String, JsonNode> byContact = new HashMap<>();
        awaitInvitations(org, 3).forEach(e -> byContact.put(e.path("data").path("contactId").asText(), e));
        String dana = TestTokens.token("dana", tenant);

        String adminToken = byContact.get(ids.get(0)).path("data").path("token").asText();
        given().auth().oauth2(dana).post("/api/v1/invitations/" + adminToken + "/accept").then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("role", equalTo("admin"));
        given().auth().oauth2(dana).post("/api/v1/invitations/" + adminToken + "/accept").then().statusCode(409);
        // an accepted admin invitation makes dana an admin of the organization
        String danaManages = TestTokens.token("dana", tenant, Permissions.SPACES_MANAGE);
        given().auth().oauth2(danaManages).contentType(ContentType.JSON)
                .body("{\"type\": \"LAB\", \"name\": \"Dana's lab\", \"parentId\": \"" + org + "\"}")
                .post("/api/v1/spaces").then().statusCode(201);

        JsonNode expiring = byContact.get(ids.get(1)).path("data");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE invitation_id = ?1")
                .setParameter(1, UUID.fromString(expiring.path("invitationId").asText())).executeUpdate());
        given().auth().oauth2(dana).post("/api/v1/invitations/" + expiring.path("token").asText() + "/accept")
                .then().statusCode(410).body("type", containsString("invitation-expired"));
        assertEquals("EXPIRED", status(expiring.path("invitationId").asText()));
        // sent again: a new token works, the old one no longer does
        String expiredId = expiring.path("invitationId").asText();
        given().auth().oauth2(admin()).post("/api/v1/spaces/" + org + "/invitations/" + expiredId + "/resend").then()
                .statusCode(204);
        JsonNode resent = awaitInvitations(org, 4).stream().filter(e -> e.path("data").path("invitationId").asText()
                .equals(expiredId) && !e.path("data").path("token").asText().equals(expiring.path("token").asText()))
                .findFirst().orElseThrow();
        given().auth().oauth2(dana).post("/api/v1/invitations/" + expiring.path("token").asText() + "/accept")
                .then().statusCode(404);
        given().auth().oauth2(dana).post("/api/v1/invitations/" + resent.path("data").path("token").asText()
                + "/accept").then().statusCode(200);
        given().auth().oauth2(admin()).post("/api/v1/spaces/" + org + "/invitations/" + expiredId + "/resend").then()
                .statusCode(409);

        JsonNode revoked = byContact.get(ids.get(2)).path("data");
        given().auth().oauth2(admin()).post("/api/v1/spaces/" + org + "/invitations/"
                + revoked.path("invitationId").asText() + "/revoke").then().statusCode(204);
        given().auth().oauth2(dana).post("/api/v1/invitations/" + revoked.path("token").asText() + "/accept")
                .then().statusCode(410).body("type", containsString("invitation-revoked"));
        given().auth().oauth2(dana).post("/api/v1/invitations/not-a-token/accept").then().statusCode(404);
        given().auth().oauth2(admin()).queryParam("status", "REVOKED").get("/api/v1/spaces/" + org + "/invitations")
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].contactId", equalTo(ids.get(2)));
        given().auth().oauth2(admin()).get("/api/v1/spaces/" + org + "/invitations").then().statusCode(200)
                .body("items.status", containsInAnyOrder("ACCEPTED", "ACCEPTED", "REVOKED"));
        given().auth().oauth2(admin()).queryParam("status", "LOST").get("/api/v1/spaces/" + org + "/invitations")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().post("/api/v1/invitations/" + adminToken + "/accept").then().statusCode(401);
        // a user of another tenant does not find the invitation
        given().auth().oauth2(TestTokens.token("erin", "t-" + UUID.randomUUID()))
                .post("/api/v1/invitations/" + revoked.path("token").asText() + "/accept").then().statusCode(404);
    }

    @Test
    void spacesArePagedAndTheChildrenOfOneListed() {
        String org = organization("Tree", 5);
        String lab = space("LAB", "Lab A", org);
        space("LAB", "Lab B", org);
        space("CHALLENGE", "Challenge", lab);
        String cursor = given().auth().oauth2(admin()).queryParam("limit", 2).get("/api/v1/spaces").then()
                .statusCode(200).body("items.name", equalTo(List.of("Tree", "Lab A"))).extract().path("nextCursor");
        given().auth().oauth2(admin()).queryParam("cursor", cursor).get("/api/v1/spaces").then().statusCode(200)
                .body("items.name", equalTo(List.of("Lab B", "Challenge"))).body("nextCursor", equalTo(null));
        given().auth().oauth2(admin()).queryParam("parentId", org).get("/api/v1/spaces").then().statusCode(200)
                .body("items.name", equalTo(List.of("Lab A", "Lab B")));
        given().auth().oauth2(TestTokens.token("alice", "t-" + UUID.randomUUID(), Permissions.SPACES_MANAGE))
                .get("/api/v1/spaces").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void theMessageIsPreviewedForOneContact() {
        List<String> ids = sync(1);
        String org = organization("Preview", 5);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("""
                        {"contactId": "%s", "invitation": {"subject": "{{spaceName}}", "body": "Dear {{lastName}} <{{email}}>"}}"""
                        .formatted(ids.get(0)))
                .post("/api/v1/spaces/" + org + "/imports/preview-message").then()
                .statusCode(200).body("subject", equalTo("Preview"))
                .body("body", equalTo("Dear Person 0 <p0@example.com>"));
        get(org).body("memberCount", equalTo(0));
    }

    @Test
    void badInputIsA400NamingTheField() {
        List<String> ids = sync(1);
        String org = organization("Strict", 5);
        String lab = space("LAB", "Lab", org);
        importInto(lab, one(ids, "owner")).statusCode(400).body("errors[0].field", equalTo("role"))
                .body("errors[0].message", containsString("no role of a LAB"));
        importInto(lab, """
                {"contactIds": %s, "role": "member", "invitation": {"subject": "Hi", "body": "Hello {{nickname}}"}}"""
                .formatted(array(ids))).statusCode(400).body("errors[0].field", equalTo("invitation.body"))
                .body("errors[0].message", containsString("{{nickname}}"));
        importInto(lab, "{\"role\": \"member\"}").statusCode(400).body("errors[0].field", equalTo("contactIds"));
        importInto(lab, """
                {"filter": ["shoeSize:eq:42"], "role": "member"}""").statusCode(400)
                .body("errors[0].field", equalTo("filter"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"type\": \"ORGANIZATION\", \"name\": \"X\"}")
                .post("/api/v1/spaces").then().statusCode(400).body("errors[0].field", equalTo("userLimit"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"type\": \"CHALLENGE\", \"name\": \"X\", \"parentId\": \"" + org + "\"}")
                .post("/api/v1/spaces").then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        get(lab).body("memberCount", equalTo(0));
    }

    @Test
    void anotherTenantsSpaceIsNotFoundAndPermissionsAreChecked() {
        List<String> ids = sync(1);
        String org = organization("Guarded", 5);
        String stranger = TestTokens.token("alice", "t-" + UUID.randomUUID(), Permissions.SPACES_MANAGE);
        given().auth().oauth2(stranger).get("/api/v1/spaces/" + org).then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(one(ids, "member"))
                .post("/api/v1/spaces/" + org + "/imports").then().statusCode(404);
        given().auth().oauth2(TestTokens.token("alice", tenant, Permissions.CONTACTS_READ))
                .get("/api/v1/spaces/" + org).then().statusCode(403);
        // spaces-manage, but no admin role in this organization
        given().auth().oauth2(TestTokens.token("bob", tenant, Permissions.SPACES_MANAGE))
                .contentType(ContentType.JSON).body(one(ids, "member")).post("/api/v1/spaces/" + org + "/imports")
                .then().statusCode(403);
        // a parent admin administers every organization
        given().auth().oauth2(TestTokens.token("paula", tenant, Permissions.PARENT_ADMIN))
                .contentType(ContentType.JSON).body(one(ids, "member")).post("/api/v1/spaces/" + org + "/imports")
                .then().statusCode(200).body("imported", hasSize(1));
        given().get("/api/v1/spaces/" + org).then().statusCode(401);
    }

    @Test
    void aContactASyncRemovesLeavesItsSpacesAndItsPendingInvitationIsRevoked() {
        List<String> ids = sync(3);
        String org = organization("Synced", 10);
        String lab = space("LAB", "Lab", org);
        importInto(lab, one(ids, "member")).statusCode(200);
        List<JsonNode> sent = awaitInvitations(lab, 3);
        String gone = ids.get(2); // p2, left out of the next full sync
        awaitCompleted(worker.fullSync(2, 100, n -> SyncCommands.person(n, "Engineer")));
        get(lab).body("memberCount", equalTo(2));
        get(org).body("seatsInUse", equalTo(2));
        List<JsonNode> removed = awaitContactEvents(EventTypes.CONTACT_REMOVED_FROM_SPACE, 2);
        assertTrue(removed.stream().allMatch(e -> e.path("data").path("contactId").asText().equals(gone)
                && e.path("data").path("reason").asText().equals("CONTACT_DELETED")));
        JsonNode invitation = sent.stream().filter(e -> e.path("data").path("contactId").asText().equals(gone))
                .findFirst().orElseThrow();
        assertEquals("REVOKED", status(invitation.path("data").path("invitationId").asText()));
        given().auth().oauth2(TestTokens.token("dana", tenant))
                .post("/api/v1/invitations/" + invitation.path("data").path("token").asText() + "/accept").then()
                .statusCode(410);
    }

    /** A full sync of people 0..count-1; returns their contact ids in that order. */
    private List<String> sync(int count) {
        awaitCompleted(worker.fullSync(count, 100, n -> SyncCommands.person(n, "Engineer")));
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String uniqueId = "p" + n + "@example.com";
            ids.add(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "SELECT CAST(contact_id AS TEXT) FROM contact WHERE tenant_id = ?1 AND unique_id = ?2")
                    .setParameter(1, tenant).setParameter(2, uniqueId).getSingleResult()).toString());
        }
        return ids;
    }

    private void awaitCompleted(UUID job) {
        progress.await(r -> r.key().equals(job.toString())
                && EventTypes.JOB_COMPLETED.equals(read(r).path("type").asText()), 1, WAIT);
    }

    private String admin() {
        return TestTokens.token("alice", tenant, Permissions.SPACES_MANAGE);
    }

    private String organization(String name, int limit) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"type\": \"ORGANIZATION\", \"name\": \"" + name + "\", \"userLimit\": " + limit + "}")
                .post("/api/v1/spaces").then().statusCode(201).body("seatsInUse", equalTo(0)).extract().path("id");
    }

    private String space(String type, String name, String parent) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"type\": \"" + type + "\", \"name\": \"" + name + "\", \"parentId\": \"" + parent + "\"}")
                .post("/api/v1/spaces").then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse get(String space) {
        return given().auth().oauth2(admin()).get("/api/v1/spaces/" + space).then().statusCode(200);
    }

    private ValidatableResponse importInto(String space, String body) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/spaces/" + space + "/imports").then();
    }

    private static String one(List<String> ids, String role) {
        return "{\"contactIds\": " + array(ids) + ", \"role\": \"" + role + "\"}";
    }

    private static String array(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").toList().toString();
    }

    private String status(String invitationId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT status FROM invitation WHERE invitation_id = ?1")
                .setParameter(1, UUID.fromString(invitationId)).getSingleResult());
    }

    private List<JsonNode> awaitInvitations(String space, int count) {
        return invitations.await(r -> r.key().equals(space), count, WAIT).stream().map(this::read).toList();
    }

    private List<JsonNode> awaitContactEvents(String type, int count) {
        return contactEvents.await(r -> ofTenant(r, type), count, WAIT).stream().map(this::read).toList();
    }

    private boolean ofTenant(ConsumerRecord<String, String> r, String type) {
        JsonNode event = read(r);
        return tenant.equals(event.path("tenantid").asText()) && type.equals(event.path("type").asText());
    }

    private JsonNode read(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
