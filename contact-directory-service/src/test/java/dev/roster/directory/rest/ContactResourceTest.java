package dev.roster.directory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestTokens;

@QuarkusTest
class ContactResourceTest {

    @Inject
    EntityManager em;

    private final String tenant = "t-" + UUID.randomUUID();
    private final UUID integration = UUID.randomUUID();
    private final List<UUID> ids = new ArrayList<>();

    /** Six people: three in Engineering (Adams, Baker, Clark), three in Sales (Davis, Evans, Fox). */
    @BeforeEach
    void seed() {
        String[][] people = {{"Adams", "Engineering", "2020-01-15"}, {"Baker", "Engineering", "2021-06-01"},
                {"Clark", "Engineering", "2022-09-30"}, {"Davis", "Sales", "2019-03-03"},
                {"Evans", "Sales", "2023-11-11"}, {"Fox", "Sales", ""}};
        QuarkusTransaction.requiringNew().run(() -> {
            for (String[] p : people) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                String email = p[0].toLowerCase() + "@example.com";
                String hire = p[2].isEmpty() ? "" : ", \"hireDate\": \"" + p[2] + "\"";
                em.createNativeQuery("INSERT INTO contact VALUES (?1, ?2, ?3, cast(?4 AS jsonb), now(), now())")
                        .setParameter(1, id).setParameter(2, tenant).setParameter(3, email)
                        .setParameter(4, "{\"email\": \"" + email + "\", \"lastName\": \"" + p[0]
                                + "\", \"department\": \"" + p[1] + "\"" + hire + "}")
                        .executeUpdate();
                em.createNativeQuery("INSERT INTO contact_link VALUES (?1, ?2, ?3, '{}'::jsonb, 0)")
                        .setParameter(1, integration).setParameter(2, "s-" + p[0]).setParameter(3, id)
                        .executeUpdate();
            }
        });
    }

    private String reader() {
        return TestTokens.token("carol", tenant, Permissions.CONTACTS_READ);
    }

    @Test
    void listsAFilteredSortedPageWithACursorAndATotal() {
        String cursor = given().auth().oauth2(reader())
                .queryParam("filter", "department:eq:Engineering").queryParam("sort", "-lastName")
                .queryParam("limit", 2).queryParam("total", true)
                .get("/api/v1/contacts").then().statusCode(200)
                .body("items.fields.lastName", equalTo(List.of("Clark", "Baker")))
                .body("items[0].sources[0].integrationId", equalTo(integration.toString()))
                .body("total", equalTo(3))
                .extract().path("nextCursor");
        given().auth().oauth2(reader())
                .queryParam("filter", "department:eq:Engineering").queryParam("sort", "-lastName")
                .queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/contacts").then().statusCode(200)
                .body("items.fields.lastName", equalTo(List.of("Adams")))
                .body("nextCursor", nullValue());
    }

    @Test
    void filtersByTypeSearchesAndSelectsBySource() {
        list("filter", "lastName:startsWith:d").body("items.fields.lastName", equalTo(List.of("Davis")));
        list("filter", "lastName:contains:A").body("items.fields.lastName",
                equalTo(List.of("Adams", "Baker", "Clark", "Davis", "Evans")));
        list("filter", "hireDate:gte:2021-01-01").body("items.fields.lastName",
                equalTo(List.of("Baker", "Clark", "Evans")));
        list("filter", "hireDate:empty").body("items.fields.lastName", equalTo(List.of("Fox")));
        list("q", "EVAN").body("items.fields.lastName", equalTo(List.of("Evans")));
        list("source", integration.toString()).body("items", hasSize(6));
        list("source", UUID.randomUUID().toString()).body("items", hasSize(0));
    }

    @Test
    void aBadFilterSortOrCursorIsA400NamingTheParameter() {
        list("filter", "shoeSize:eq:42").statusCode(400).body("errors[0].field", equalTo("filter"))
                .body("detail", containsString("shoeSize"));
        list("filter", "hireDate:contains:2020").statusCode(400).body("errors[0].field", equalTo("filter"));
        list("filter", "hireDate:gt:yesterday").statusCode(400).body("errors[0].field", equalTo("filter"));
        list("filter", "lastName:eq").statusCode(400).body("errors[0].field", equalTo("filter"));
        list("filter", "lastName").statusCode(400).body("errors[0].field", equalTo("filter"));
        list("sort", "shoeSize").statusCode(400).body("errors[0].field", equalTo("sort"));
        list("cursor", "nonsense!").statusCode(400).body("errors[0].field", equalTo("cursor"));
        list("limit", "0").statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void readsOneContact() {
        given().auth().oauth2(reader()).get("/api/v1/contacts/" + ids.get(0)).then().statusCode(200)
                .body("uniqueId", equalTo("adams@example.com"))
                .body("fields.hireDate", equalTo("2020-01-15"))
                .body("sources[0].sourceId", equalTo("s-Adams"));
        given().auth().oauth2(reader()).get("/api/v1/contacts/not-a-uuid").then().statusCode(404);
    }

    @Test
    void anotherTenantsContactIsNotFound() {
        String other = TestTokens.token("mallory", "other-" + tenant, Permissions.CONTACTS_READ,
                Permissions.CONTACTS_DELETE);
        given().auth().oauth2(other).get("/api/v1/contacts/" + ids.get(0)).then().statusCode(404);
        given().auth().oauth2(other).delete("/api/v1/contacts/" + ids.get(0)).then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/contacts").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(other).get("/api/v1/contacts/export").then().statusCode(200)
                .body(equalTo("id,uniqueId,city,country,department,displayName,email,employeeId,firstName,hireDate,"
                        + "jobTitle,lastName,managerEmail,mobilePhone,officeLocation,phone,preferredLanguage\r\n"));
    }

    @Test
    void readingAndDeletingAreSeparatePermissions() {
        String deleter = TestTokens.token("dave", tenant, Permissions.CONTACTS_DELETE);
        given().auth().oauth2(deleter).get("/api/v1/contacts").then().statusCode(403);
        given().auth().oauth2(deleter).get("/api/v1/contacts/" + ids.get(0)).then().statusCode(403);
        given().auth().oauth2(deleter).get("/api/v1/contacts/export").then().statusCode(403);
        given().auth().oauth2(reader()).delete("/api/v1/contacts/" + ids.get(0)).then().statusCode(403);
        given().get("/api/v1/contacts").then().statusCode(401);
    }

    @Test
    void deletingAContactIsLocalAndRecorded() {
        String deleter = TestTokens.token("dave", tenant, Permissions.CONTACTS_DELETE);
        given().auth().oauth2(deleter).delete("/api/v1/contacts/" + ids.get(0)).then().statusCode(204);
        given().auth().oauth2(reader()).get("/api/v1/contacts/" + ids.get(0)).then().statusCode(404);
        given().auth().oauth2(deleter).delete("/api/v1/contacts/" + ids.get(0)).then().statusCode(404);
        assertEquals("dave", QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT deleted_by FROM contact_deletion WHERE contact_id = ?1")
                .setParameter(1, ids.get(0)).getSingleResult()));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE event_key = ?1 AND event_type = 'dev.roster.contact.deleted.v1'",
                Long.class).setParameter(1, ids.get(0).toString()).getSingleResult()));
    }

    @Test
    void exportsTheFilteredSetAsCsv() {
        String csv = given().auth().oauth2(reader()).queryParam("filter", "department:eq:Sales")
                .get("/api/v1/contacts/export").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(4, lines.length);
        assertEquals(ids.get(3) + ",davis@example.com,,,Sales,,davis@example.com,,,2019-03-03,,Davis,,,,,",
                lines[1]);
        given().auth().oauth2(reader()).queryParam("filter", "nope:eq:1").get("/api/v1/contacts/export").then()
                .statusCode(400).body("errors[0].field", equalTo("filter"));
    }

    private io.restassured.response.ValidatableResponse list(String parameter, String value) {
        return given().auth().oauth2(reader()).queryParam(parameter, value).get("/api/v1/contacts").then();
    }
}
