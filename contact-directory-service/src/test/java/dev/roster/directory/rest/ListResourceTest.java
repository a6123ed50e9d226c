package dev.roster.directory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.roster.commons.events.ContactSchemaChanged;
import dev.roster.commons.events.ContactSchemaChanged.SchemaField;
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
 * Distribution lists over the real database and broker: contacts come from sync commands as a worker sends them,
 * and the membership events are read from roster.contact-events.
 */
@QuarkusTest
class ListResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    ObjectMapper json;

    private final String tenant = "t-" + UUID.randomUUID();
    private final UUID integration = UUID.randomUUID();
    private TestProducer producer;
    private TopicProbe contactEvents;
    private TopicProbe progress;
    private SyncCommands worker;

    @BeforeEach
    void open() {
        producer = new TestProducer(bootstrap);
        contactEvents = TopicProbe.open(bootstrap, Topics.CONTACT_EVENTS);
        progress = TopicProbe.open(bootstrap, Topics.SYNC_PROGRESS);
        worker = new SyncCommands(codec, producer, tenant, integration);
    }

    @AfterEach
    void close() {
        producer.close();
        contactEvents.close();
        progress.close();
    }

    @Test
    void aStaticListGainsAndLosesMembersByIdAndByFilterWithOneEventPerRealChange() {
        Map<String, String> ids = sync("Engineering", "Engineering", "Engineering", "Sales", "Sales", "Sales");
        String list = create("{\"name\": \"Offsite\", \"type\": \"STATIC\"}").statusCode(201)
                .header("ETag", "\"1\"").header("Location", containsString("/api/v1/lists/"))
                .body("type", equalTo("STATIC")).body("memberCount", equalTo(0)).body("createdBy", equalTo("lena"))
                .extract().path("id");

        add(list, ids("contactIds", ids.get("Person 0"), ids.get("Person 3"))).statusCode(200)
                .body("changed", equalTo(2)).body("unchanged", equalTo(0)).body("memberCount", equalTo(2));
        add(list, ids("contactIds", ids.get("Person 0"), ids.get("Person 4"))).statusCode(200)
                .body("changed", equalTo(1)).body("unchanged", equalTo(1)).body("memberCount", equalTo(3));
        add(list, "{\"filter\": [\"department:eq:Engineering\"]}").statusCode(200)
                .body("changed", equalTo(2)).body("unchanged", equalTo(1)).body("memberCount", equalTo(5));

        String cursor = members(list, Map.of("limit", 2)).body("items.fields.lastName",
                equalTo(List.of("Person 0", "Person 1"))).body("total", equalTo(5)).extract().path("nextCursor");
        cursor = members(list, Map.of("limit", 2, "cursor", cursor))
                .body("items.fields.lastName", equalTo(List.of("Person 2", "Person 3"))).extract().path("nextCursor");
        members(list, Map.of("limit", 2, "cursor", cursor)).body("items.fields.lastName",
                equalTo(List.of("Person 4"))).body("nextCursor", nullValue());
        members(list, Map.of("sort", "-lastName", "limit", 1)).body("items.fields.lastName",
                equalTo(List.of("Person 4")))
                .body("items[0].sources[0].integrationId", equalTo(integration.toString()));

        List<JsonNode> added = awaitListEvents(EventTypes.CONTACT_ADDED_TO_LIST, 5);
        assertEquals(5, added.stream().map(e -> e.path("subject").asText()).distinct().count());
        added.forEach(e -> {
            assertEquals(list, e.path("data").path("listId").asText());
            assertEquals("Offsite", e.path("data").path("listName").asText());
            assertEquals(e.path("subject").asText(), e.path("data").path("contactId").asText());
        });

        remove(list, ids("contactIds", ids.get("Person 0"), ids.get("Person 5"))).statusCode(200)
                .body("changed", equalTo(1)).body("unchanged", equalTo(1)).body("memberCount", equalTo(4));
        remove(list, "{\"filter\": [\"department:eq:Sales\"]}").statusCode(200)
                .body("changed", equalTo(2)).body("memberCount", equalTo(2));
        List<JsonNode> removed = awaitListEvents(EventTypes.CONTACT_REMOVED_FROM_LIST, 3);
        removed.forEach(e -> assertEquals("REMOVED", e.path("data").path("reason").asText()));
        assertEquals(Set.of(ids.get("Person 0"), ids.get("Person 3"), ids.get("Person 4")),
                removed.stream().map(e -> e.path("data").path("contactId").asText()).collect(Collectors.toSet()));
        assertEquals(5, listEvents(EventTypes.CONTACT_ADDED_TO_LIST).size(), "adding a member again emits nothing");

        given().auth().oauth2(reader()).get("/api/v1/lists/" + list).then().statusCode(200)
                .body("memberCount", equalTo(2)).body("name", equalTo("Offsite"));
        members(list, Map.of()).body("items.fields.lastName", equalTo(List.of("Person 1", "Person 2")));
    }

    @Test
    void aDynamicListFollowsEverySyncWithoutWritesOrEvents() {
        sync("Engineering", "Engineering", "Sales");
        String list = create("{\"name\": \"Engineers\", \"type\": \"DYNAMIC\","
                + " \"filter\": [\"department:eq:Engineering\"], \"description\": \"all of them\"}").statusCode(201)
                .body("filter", equalTo(List.of("department:eq:Engineering"))).body("memberCount", equalTo(2))
                .extract().path("id");
        members(list, Map.of()).body("items.fields.lastName", equalTo(List.of("Person 0", "Person 1")))
                .body("total", equalTo(2));

        sync("Sales", "Engineering", "Engineering");
        members(list, Map.of()).body("items.fields.lastName", equalTo(List.of("Person 1", "Person 2")));
        given().auth().oauth2(manager()).get("/api/v1/lists/" + list).then().statusCode(200)
                .header("ETag", "\"1\"").body("memberCount", equalTo(2));
        assertEquals(2, contactEvents.await(r -> ofTenant(r, EventTypes.CONTACT_UPDATED), 2, WAIT).size());
        assertEquals(List.of(), listEvents(null), "a dynamic list publishes no membership events");

        add(list, ids("contactIds", UUID.randomUUID().toString())).statusCode(400)
                .body("detail", containsString("dynamic"));
        patch(list, null, "{\"name\": \"Sales\"}").statusCode(428);
        patch(list, "\"7\"", "{\"name\": \"Sales\"}").statusCode(412);
        patch(list, "\"1\"", "{\"name\": \"Sales\", \"filter\": [\"department:eq:Sales\"]}").statusCode(200)
                .header("ETag", "\"2\"").body("name", equalTo("Sales")).body("description", equalTo("all of them"))
                .body("memberCount", equalTo(1));
        members(list, Map.of()).body("items.fields.lastName", equalTo(List.of("Person 0")));
        patch(list, "\"2\"", "{\"filter\": [\"department:like:Sales\"]}").statusCode(400)
                .body("errors[0].field", equalTo("filter"));
    }

    @Test
    void aDynamicListOnACustomFieldThatIsRemovedLaterSaysSoUntilItsFilterIsChanged() {
        sync("Engineering", "Sales");
        publishSchema(1, List.of(new SchemaField("badge", "Badge", "TEXT")));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> create("{\"name\": \"Badged\", \"type\": \"DYNAMIC\","
                + " \"filter\": [\"badge:notEmpty\"]}").statusCode(201).body("memberCount", equalTo(0)));
        String list = given().auth().oauth2(reader()).get("/api/v1/lists").then().extract().path("items[0].id");

        publishSchema(2, List.of());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> members(list, Map.of(), 409)
                .body("detail", containsString("badge")));
        given().auth().oauth2(reader()).get("/api/v1/lists/" + list).then().statusCode(200)
                .body("memberCount", nullValue()).body("filter", equalTo(List.of("badge:notEmpty")));
        patch(list, "\"1\"", "{\"filter\": [\"department:eq:Sales\"]}").statusCode(200)
                .body("memberCount", equalTo(1));
        members(list, Map.of()).body("items.fields.lastName", equalTo(List.of("Person 1")));
    }

    @Test
    void aContactRemovedBySyncOrDeletedLocallyLeavesEveryStaticListAnnounced() {
        Map<String, String> ids = sync("Engineering", "Engineering", "Engineering", "Sales");
        String first = create("{\"name\": \"First\", \"type\": \"STATIC\"}").extract().path("id");
        String second = create("{\"name\": \"Second\", \"type\": \"STATIC\"}").extract().path("id");
        add(first, ids("contactIds", ids.get("Person 0"), ids.get("Person 1"), ids.get("Person 2"))).statusCode(200);
        add(second, ids("contactIds", ids.get("Person 0"))).statusCode(200);
        awaitListEvents(EventTypes.CONTACT_ADDED_TO_LIST, 4);

        UUID sweep = worker.fullSync(3, 10, n -> person(n + 1, n == 2 ? "Sales" : "Engineering"));
        awaitCompleted(sweep);
        List<JsonNode> left = awaitListEvents(EventTypes.CONTACT_REMOVED_FROM_LIST, 2);
        assertEquals(2, left.size());
        left.forEach(e -> {
            assertEquals(ids.get("Person 0"), e.path("subject").asText());
            assertEquals("CONTACT_DELETED", e.path("data").path("reason").asText());
            assertEquals("p0@example.com", e.path("data").path("uniqueId").asText());
        });
        assertEquals(List.of("First", "Second"), left.stream().map(e -> e.path("data").path("listName").asText())
                .sorted().toList());
        List<String> leaving = contactEvents.await(r -> r.key().equals(ids.get("Person 0"))
                && (ofTenant(r, EventTypes.CONTACT_REMOVED_FROM_LIST) || ofTenant(r, EventTypes.CONTACT_DELETED)), 3,
                WAIT).stream().map(r -> read(r).path("type").asText()).toList();
        assertEquals(List.of(EventTypes.CONTACT_REMOVED_FROM_LIST, EventTypes.CONTACT_REMOVED_FROM_LIST,
                EventTypes.CONTACT_DELETED), leaving, "the contact leaves its lists before it is deleted");
        assertList(first, 2);
        assertList(second, 0);

        String deleter = TestTokens.token("dave", tenant, Permissions.CONTACTS_DELETE);
        given().auth().oauth2(deleter).delete("/api/v1/contacts/" + ids.get("Person 1")).then().statusCode(204);
        JsonNode local = only(awaitListEvents(EventTypes.CONTACT_REMOVED_FROM_LIST, 3),
                e -> e.path("subject").asText().equals(ids.get("Person 1")));
        assertEquals("CONTACT_DELETED", local.path("data").path("reason").asText());
        assertEquals(first, local.path("data").path("listId").asText());
        assertList(first, 1);

        given().auth().oauth2(manager()).delete("/api/v1/lists/" + first).then().statusCode(204);
        JsonNode dropped = only(awaitListEvents(EventTypes.CONTACT_REMOVED_FROM_LIST, 4),
                e -> e.path("data").path("reason").asText().equals("LIST_DELETED"));
        assertEquals(ids.get("Person 2"), dropped.path("data").path("contactId").asText());
        given().auth().oauth2(manager()).get("/api/v1/lists/" + first).then().statusCode(404);
        given().auth().oauth2(manager()).delete("/api/v1/lists/" + first).then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        Map<String, String> ids = sync("Engineering");
        create("{\"name\": \" \", \"type\": \"STATIC\"}").statusCode(400).body("errors[0].field", equalTo("name"));
        create("{\"name\": \"No type\"}").statusCode(400).body("errors[0].field", equalTo("type"));
        create("{\"name\": \"Bad type\", \"type\": \"SMART\"}").statusCode(400).body("errors[0].field",
                equalTo("type"));
        create("{\"name\": \"Shoes\", \"type\": \"DYNAMIC\", \"filter\": [\"shoeSize:eq:42\"]}").statusCode(400)
                .body("errors[0].field", equalTo("filter")).body("detail", containsString("shoeSize"));
        create("{\"name\": \"Nothing\", \"type\": \"DYNAMIC\"}").statusCode(400)
                .body("errors[0].field", equalTo("filter"));
        create("{\"name\": \"Static\", \"type\": \"STATIC\", \"filter\": [\"department:eq:Sales\"]}").statusCode(400)
                .body("errors[0].field", equalTo("filter"));

        String list = create("{\"name\": \"Valid\", \"type\": \"STATIC\"}").extract().path("id");
        String tooMany = ids("contactIds", IntStream.range(0, 1001).mapToObj(i -> UUID.randomUUID().toString())
                .toArray(String[]::new));
        add(list, tooMany).statusCode(400).body("errors[0].field", equalTo("contactIds"));
        add(list, "{\"contactIds\": []}").statusCode(400).body("errors[0].field", equalTo("contactIds"));
        add(list, "{}").statusCode(400).body("errors[0].field", equalTo("contactIds"));
        add(list, "{\"contactIds\": [\"" + ids.get("Person 0") + "\"], \"filter\": [\"city:empty\"]}")
                .statusCode(400).body("errors[0].field", equalTo("contactIds"));
        add(list, "{\"filter\": [\"hireDate:gt:yesterday\"]}").statusCode(400)
                .body("errors[0].field", equalTo("filter"));
        String unknown = UUID.randomUUID().toString();
        add(list, ids("contactIds", ids.get("Person 0"), unknown)).statusCode(400)
                .body("errors[0].field", equalTo("contactIds")).body("unknownContactIds", equalTo(List.of(unknown)));
        add(list, "{\"contactIds\": [\"not-a-uuid\"]}").statusCode(400);
        members(list, Map.of("sort", "shoeSize"), 400).body("errors[0].field", equalTo("sort"));
        members(list, Map.of("limit", 0), 400).body("errors[0].field", equalTo("limit"));
        patch(list, "\"1\"", "{\"filter\": [\"department:eq:Sales\"]}").statusCode(400)
                .body("errors[0].field", equalTo("filter"));
        patch(list, "\"1\"", "{\"name\": \"\"}").statusCode(400).body("errors[0].field", equalTo("name"));
        assertList(list, 0);
        assertEquals(List.of(), listEvents(null), "a refused request changes nothing");
    }

    @Test
    void aSelectionPastTheLimitIsRefusedAndChangesNothing() {
        String[] departments = new String[51];
        java.util.Arrays.fill(departments, "Engineering");
        departments[50] = "Sales";
        sync(departments);
        String list = create("{\"name\": \"Big\", \"type\": \"STATIC\"}").extract().path("id");
        add(list, "{\"q\": \"person\"}").statusCode(400).body("errors[0].field", equalTo("filter"))
                .body("detail", containsString("more than 50"));
        add(list, "{\"filter\": [\"department:eq:Engineering\"]}").statusCode(200).body("changed", equalTo(50));
        remove(list, "{\"source\": \"" + integration + "\"}").statusCode(200).body("changed", equalTo(50))
                .body("memberCount", equalTo(0));
        assertEquals(50, awaitListEvents(EventTypes.CONTACT_REMOVED_FROM_LIST, 50).size());
    }

    @Test
    void namesAreUniquePerTenantIgnoringCaseAndListsArePagedByName() {
        create("{\"name\": \"Berlin office\", \"type\": \"STATIC\"}").statusCode(201);
        create("{\"name\": \"berlin OFFICE\", \"type\": \"STATIC\"}").statusCode(409);
        String other = create("{\"name\": \"Athens\", \"type\": \"DYNAMIC\", \"q\": \"ada\"}").statusCode(201)
                .body("q", equalTo("ada")).extract().path("id");
        create("{\"name\": \"Cairo\", \"type\": \"STATIC\"}").statusCode(201);
        patch(other, "\"1\"", "{\"name\": \"BERLIN office\"}").statusCode(409);
        String otherTenant = TestTokens.token("lena", "other-" + tenant, Permissions.LISTS_MANAGE);
        given().auth().oauth2(otherTenant).contentType(ContentType.JSON)
                .body("{\"name\": \"Berlin office\", \"type\": \"STATIC\"}").post("/api/v1/lists").then()
                .statusCode(201);

        String cursor = given().auth().oauth2(reader()).queryParam("limit", 2).get("/api/v1/lists").then()
                .statusCode(200).body("items.name", equalTo(List.of("Athens", "Berlin office")))
                .extract().path("nextCursor");
        given().auth().oauth2(reader()).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/lists")
                .then().statusCode(200).body("items.name", equalTo(List.of("Cairo")))
                .body("nextCursor", nullValue());
        given().auth().oauth2(reader()).queryParam("type", "DYNAMIC").get("/api/v1/lists").then().statusCode(200)
                .body("items.name", equalTo(List.of("Athens")));
    }

    @Test
    void anotherTenantsListIsNotFoundAndItsContactsCannotBeAdded() {
        Map<String, String> ids = sync("Engineering");
        String list = create("{\"name\": \"Mine\", \"type\": \"STATIC\"}").extract().path("id");
        add(list, ids("contactIds", ids.get("Person 0"))).statusCode(200);

        String other = TestTokens.token("mallory", "other-" + tenant, Permissions.LISTS_MANAGE);
        given().auth().oauth2(other).get("/api/v1/lists/" + list).then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/lists/" + list + "/members").then().statusCode(404);
        given().auth().oauth2(other).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"name\": \"Taken\"}").patch("/api/v1/lists/" + list).then().statusCode(404);
        given().auth().oauth2(other).contentType(ContentType.JSON).body(ids("contactIds", ids.get("Person 0")))
                .post("/api/v1/lists/" + list + "/members").then().statusCode(404);
        given().auth().oauth2(other).contentType(ContentType.JSON).body(ids("contactIds", ids.get("Person 0")))
                .post("/api/v1/lists/" + list + "/members/remove").then().statusCode(404);
        given().auth().oauth2(other).delete("/api/v1/lists/" + list).then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/lists").then().statusCode(200)
                .body("items.id", not(hasItem(list)));

        String theirs = given().auth().oauth2(other).contentType(ContentType.JSON)
                .body("{\"name\": \"Theirs\", \"type\": \"STATIC\"}").post("/api/v1/lists").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(other).contentType(ContentType.JSON).body(ids("contactIds", ids.get("Person 0")))
                .post("/api/v1/lists/" + theirs + "/members").then().statusCode(400)
                .body("unknownContactIds", equalTo(List.of(ids.get("Person 0"))));
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{\"filter\": [\"lastName:notEmpty\"]}")
                .post("/api/v1/lists/" + theirs + "/members").then().statusCode(200)
                .body("changed", equalTo(0)).body("memberCount", equalTo(0));
        assertList(list, 1);
    }

    @Test
    void managingNeedsListsManageAndReadingContactsReadOrListsManage() {
        String list = create("{\"name\": \"Guarded\", \"type\": \"STATIC\"}").extract().path("id");
        given().auth().oauth2(reader()).get("/api/v1/lists").then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(reader()).get("/api/v1/lists/" + list + "/members").then().statusCode(200);
        given().auth().oauth2(reader()).contentType(ContentType.JSON)
                .body("{\"name\": \"Mine\", \"type\": \"STATIC\"}").post("/api/v1/lists").then().statusCode(403);
        given().auth().oauth2(reader()).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"name\": \"Mine\"}").patch("/api/v1/lists/" + list).then().statusCode(403);
        given().auth().oauth2(reader()).contentType(ContentType.JSON).body("{\"filter\": [\"city:empty\"]}")
                .post("/api/v1/lists/" + list + "/members").then().statusCode(403);
        given().auth().oauth2(reader()).contentType(ContentType.JSON).body("{\"filter\": [\"city:empty\"]}")
                .post("/api/v1/lists/" + list + "/members/remove").then().statusCode(403);
        given().auth().oauth2(reader()).delete("/api/v1/lists/" + list).then().statusCode(403);
        String deleter = TestTokens.token("dave", tenant, Permissions.CONTACTS_DELETE);
        given().auth().oauth2(deleter).get("/api/v1/lists").then().statusCode(403);
        given().auth().oauth2(deleter).get("/api/v1/lists/" + list).then().statusCode(403);
        given().get("/api/v1/lists").then().statusCode(401);
    }

    /** A full sync of one person per department given, Person 0 first; returns contact ids by last name. */
    private Map<String, String> sync(String... departments) {
        awaitCompleted(worker.fullSync(departments.length, 100, n -> person(n, departments[n])));
        Map<String, String> ids = new HashMap<>();
        List<Map<String, Object>> items = given().auth().oauth2(reader()).queryParam("limit", 200)
                .get("/api/v1/contacts").then().statusCode(200).extract().path("items");
        items.forEach(i -> ids.put(((Map<?, ?>) i.get("fields")).get("lastName").toString(), i.get("id").toString()));
        return ids;
    }

    private void publishSchema(long version, List<SchemaField> custom) {
        producer.send(Topics.MAPPING_EVENTS, tenant, codec.write(codec.envelope("/roster/mapping-service",
                EventTypes.CONTACT_SCHEMA_CHANGED, tenant, tenant, new ContactSchemaChanged(tenant, version, List.of(),
                        custom, OffsetDateTime.now(ZoneOffset.UTC)))));
    }

    private static ContactUpsert person(int n, String department) {
        return new ContactUpsert("p" + n, "p" + n + "@example.com",
                Map.of("email", "p" + n + "@example.com", "lastName", "Person " + n, "department", department));
    }

    private void awaitCompleted(UUID job) {
        progress.await(r -> r.key().equals(job.toString())
                && EventTypes.JOB_COMPLETED.equals(read(r).path("type").asText()), 1, WAIT);
    }

    private String manager() {
        return TestTokens.token("lena", tenant, Permissions.LISTS_MANAGE);
    }

    private String reader() {
        return TestTokens.token("carol", tenant, Permissions.CONTACTS_READ);
    }

    private ValidatableResponse create(String body) {
        return given().auth().oauth2(manager()).contentType(ContentType.JSON).body(body).post("/api/v1/lists")
                .then();
    }

    private ValidatableResponse patch(String list, String ifMatch, String body) {
        var request = given().auth().oauth2(manager()).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.patch("/api/v1/lists/" + list).then();
    }

    private ValidatableResponse add(String list, String body) {
        return given().auth().oauth2(manager()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/lists/" + list + "/members").then();
    }

    private ValidatableResponse remove(String list, String body) {
        return given().auth().oauth2(manager()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/lists/" + list + "/members/remove").then();
    }

    private ValidatableResponse members(String list, Map<String, ?> parameters) {
        return members(list, parameters, 200);
    }

    private ValidatableResponse members(String list, Map<String, ?> parameters, int status) {
        return given().auth().oauth2(reader()).queryParams(parameters).get("/api/v1/lists/" + list + "/members")
                .then().statusCode(status);
    }

    private void assertList(String list, int members) {
        given().auth().oauth2(manager()).get("/api/v1/lists/" + list).then().statusCode(200)
                .body("memberCount", equalTo(members));
        members(list, Map.of()).body("total", equalTo(members));
    }

    private static String ids(String field, String... ids) {
        List<String> quoted = new ArrayList<>();
        for (String id : ids) {
            quoted.add("\"" + id + "\"");
        }
        return "{\"" + field + "\": [" + String.join(", ", quoted) + "]}";
    }

    private static JsonNode only(List<JsonNode> events, Predicate<JsonNode> matching) {
        List<JsonNode> matches = events.stream().filter(matching).toList();
        assertEquals(1, matches.size(), () -> "one event expected among " + events);
        return matches.get(0);
    }

    private List<JsonNode> awaitListEvents(String type, int count) {
        contactEvents.await(r -> ofTenant(r, type), count, WAIT);
        return listEvents(type);
    }

    /** The list membership events of this tenant that arrived so far, of one type or (null) both. */
    private List<JsonNode> listEvents(String type) {
        return contactEvents.poll(r -> type == null
                ? ofTenant(r, EventTypes.CONTACT_ADDED_TO_LIST) || ofTenant(r, EventTypes.CONTACT_REMOVED_FROM_LIST)
                : ofTenant(r, type)).stream().map(this::read).toList();
    }

    private boolean ofTenant(ConsumerRecord<String, String> r, String type) {
        JsonNode event = read(r);
        return tenant.equals(event.path("tenantid").asText()) && type.equals(event.path("type").asText());
    }

    private JsonNode read(ConsumerRecord<String, String> r) {
        try {
            JsonNode event = json.readTree(r.value());
            assertTrue(event.isObject());
            return event;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
