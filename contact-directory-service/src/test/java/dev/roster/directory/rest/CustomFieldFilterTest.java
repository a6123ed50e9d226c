package dev.roster.directory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.roster.commons.events.ContactSchemaChanged;
import dev.roster.commons.events.ContactSchemaChanged.SchemaField;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestProducer;
import dev.roster.testinfra.TestTokens;

/** Filters and sorts on a tenant's custom fields, typed by the schema mapping-service publishes. */
@QuarkusTest
class CustomFieldFilterTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    private final String tenant = "t-" + UUID.randomUUID();
    private TestProducer producer;

    @BeforeEach
    void seed() {
        producer = new TestProducer(bootstrap);
        // seniority as text would sort "10" before "2" and "7.5": only a numeric comparison gets these right
        String[][] people = {{"Adams", "2", "cc-100", "2026-06-30"}, {"Baker", "10", "cc-200", "2027-03-31"},
                {"Clark", "7.5", "cc-101", ""}, {"Davis", "", "", ""}};
        QuarkusTransaction.requiringNew().run(() -> {
            for (String[] p : people) {
                StringBuilder fields = new StringBuilder("{\"lastName\": \"" + p[0] + "\"");
                if (!p[1].isEmpty()) {
                    fields.append(", \"seniority\": \"").append(p[1]).append("\", \"costCenter\": \"").append(p[2])
                            .append('"');
                }
                if (!p[3].isEmpty()) {
                    fields.append(", \"contractEnd\": \"").append(p[3]).append('"');
                }
                em.createNativeQuery("INSERT INTO contact VALUES (?1, ?2, ?3, cast(?4 AS jsonb), now(), now())")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, tenant)
                        .setParameter(3, p[0].toLowerCase() + "@example.com")
                        .setParameter(4, fields.append('}').toString()).executeUpdate();
            }
        });
    }

    @AfterEach
    void close() {
        producer.close();
    }

    private String reader() {
        return TestTokens.token("carol", tenant, Permissions.CONTACTS_READ);
    }

    private String publish(String forTenant, long version, List<SchemaField> custom) {
        String record = codec.write(codec.envelope("/roster/mapping-service", EventTypes.CONTACT_SCHEMA_CHANGED,
                forTenant, forTenant, new ContactSchemaChanged(forTenant, version, List.of(), custom,
                        OffsetDateTime.now(ZoneOffset.UTC))));
        producer.send(Topics.MAPPING_EVENTS, forTenant, record);
        return record;
    }

    private static List<SchemaField> fields() {
        return List.of(new SchemaField("seniority", "Seniority", "NUMBER"),
                new SchemaField("costCenter", "Cost center", "TEXT"),
                new SchemaField("contractEnd", "Contract end", "DATE"));
    }

    private void awaitFilterStatus(String filter, int status) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(reader())
                .queryParam("filter", filter).get("/api/v1/contacts").then().statusCode(status));
    }

    @Test
    void numbersCompareAndSortAsNumbersDatesAsDatesText() {
        awaitFilterStatus("seniority:notEmpty", 400);
        publish(tenant, 1, fields());
        awaitFilterStatus("seniority:notEmpty", 200);

        given().auth().oauth2(reader()).queryParam("filter", "seniority:gte:7").queryParam("sort", "seniority")
                .get("/api/v1/contacts").then().statusCode(200)
                .body("items.fields.lastName", equalTo(List.of("Clark", "Baker")));
        given().auth().oauth2(reader()).queryParam("filter", "seniority:eq:10.0")
                .get("/api/v1/contacts").then().statusCode(200)
                .body("items.fields.lastName", equalTo(List.of("Baker")));
        given().auth().oauth2(reader()).queryParam("filter", "contractEnd:lt:2027-01-01")
                .get("/api/v1/contacts").then().statusCode(200)
                .body("items.fields.lastName", equalTo(List.of("Adams")));
        given().auth().oauth2(reader()).queryParam("filter", "costCenter:startsWith:CC-10")
                .queryParam("filter", "seniority:lt:5").get("/api/v1/contacts").then().statusCode(200)
                .body("items.fields.lastName", equalTo(List.of("Adams")));
        given().auth().oauth2(reader()).queryParam("filter", "seniority:empty")
                .get("/api/v1/contacts").then().statusCode(200)
                .body("items.fields.lastName", equalTo(List.of("Davis")));

        // descending by number, a page at a time: the cursor carries the numeric position
        String cursor = null;
        List<String> order = new java.util.ArrayList<>();
        do {
            var page = given().auth().oauth2(reader()).queryParam("sort", "-seniority").queryParam("limit", 1)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/contacts").then()
                    .statusCode(200).extract().jsonPath();
            order.addAll(page.getList("items.fields.lastName"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of("Baker", "Clark", "Adams", "Davis"), order);

        String csv = given().auth().oauth2(reader()).queryParam("filter", "seniority:gt:5")
                .queryParam("sort", "seniority").get("/api/v1/contacts/export").then().statusCode(200).extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length);
        assertEquals(true, lines[0].endsWith(",preferredLanguage,seniority,costCenter,contractEnd"), lines[0]);
        assertEquals(true, lines[1].endsWith(",7.5,cc-101,"), lines[1]);
    }

    @Test
    void aFilterThatDoesNotFitTheFieldsTypeIsA400NamingTheParameter() {
        publish(tenant, 1, fields());
        awaitFilterStatus("seniority:notEmpty", 200);
        given().auth().oauth2(reader()).queryParam("filter", "seniority:contains:1").get("/api/v1/contacts").then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("filter"))
                .body("errors[0].message", containsString("does not apply to NUMBER field seniority"));
        given().auth().oauth2(reader()).queryParam("filter", "seniority:gt:ten").get("/api/v1/contacts").then()
                .statusCode(400).body("errors[0].message", containsString("a number is written like"));
        given().auth().oauth2(reader()).queryParam("filter", "contractEnd:gt:31.12.2026").get("/api/v1/contacts")
                .then().statusCode(400).body("errors[0].message", containsString("yyyy-MM-dd"));
        given().auth().oauth2(reader()).queryParam("sort", "badge").get("/api/v1/contacts").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
    }

    @Test
    void anotherTenantsCustomFieldsAreNotThisTenants() {
        String other = "t-" + UUID.randomUUID();
        publish(other, 1, fields());
        publish(tenant, 1, List.of(new SchemaField("badge", "Badge", "TEXT")));
        awaitFilterStatus("badge:notEmpty", 200);
        given().auth().oauth2(reader()).queryParam("filter", "seniority:gt:1").get("/api/v1/contacts").then()
                .statusCode(400).body("errors[0].message", containsString("names no field of the contact schema"));
    }

    @Test
    void onlyANewerSchemaVersionReplacesTheStoredOneAndARedeliveryChangesNothing() {
        publish(tenant, 1, fields());
        awaitFilterStatus("seniority:notEmpty", 200);
        String v2 = publish(tenant, 2, List.of(new SchemaField("costCenter", "Cost center", "TEXT")));
        awaitFilterStatus("seniority:notEmpty", 400);

        publish(tenant, 1, fields()); // late: an older version under a new event id
        producer.send(Topics.MAPPING_EVENTS, tenant, v2); // a redelivery
        String marker = "t-" + UUID.randomUUID(); // a later event of another tenant shows the two were consumed
        publish(marker, 1, fields());
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.token("carol", marker, Permissions.CONTACTS_READ))
                .queryParam("filter", "seniority:notEmpty").get("/api/v1/contacts").then().statusCode(200));
        given().auth().oauth2(reader()).queryParam("filter", "seniority:notEmpty").get("/api/v1/contacts").then()
                .statusCode(400);
        given().auth().oauth2(reader()).queryParam("filter", "costCenter:eq:cc-200").get("/api/v1/contacts").then()
                .statusCode(200).body("items.fields.lastName", equalTo(List.of("Baker")))
                .body("nextCursor", nullValue());
        assertEquals(2L, ((Number) QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT version FROM tenant_schema WHERE tenant_id = ?1").setParameter(1, tenant)
                .getSingleResult())).longValue());
    }
}
