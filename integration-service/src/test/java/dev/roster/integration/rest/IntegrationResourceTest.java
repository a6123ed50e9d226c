package dev.roster.integration.rest;

import static dev.roster.integration.rest.IntegrationApi.create;
import static dev.roster.integration.rest.IntegrationApi.editor;
import static dev.roster.integration.rest.IntegrationApi.freshTenant;
import static dev.roster.integration.rest.IntegrationApi.post;
import static dev.roster.integration.rest.IntegrationApi.scim;
import static dev.roster.integration.rest.IntegrationApi.staffbase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

@QuarkusTest
class IntegrationResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createStoresTheIntegrationAnnouncesItAndAsksForDiscovery() throws Exception {
        String tenant = freshTenant();
        try (TopicProbe events = TopicProbe.open(bootstrap, Topics.INTEGRATION_EVENTS);
                TopicProbe requests = TopicProbe.open(bootstrap, Topics.SYNC_REQUESTS)) {
            String id = post(editor(tenant), staffbase("  Staffbase intranet "))
                    .statusCode(201)
                    .header("Location", containsString("/api/v1/integrations/"))
                    .header("ETag", notNullValue())
                    .body("name", equalTo("Staffbase intranet"))
                    .body("sourceType", equalTo("STAFFBASE"))
                    .body("connection.baseUrl", equalTo("https://backend.staffbase.com"))
                    .body("connection.pageSize", equalTo(100))
                    .body("connection.apiVersion", equalTo("V1"))
                    .body("secrets.set", equalTo(List.of("apiToken")))
                    .body("secrets.missing", equalTo(List.of()))
                    .body("schedule.kind", equalTo("INTERVAL"))
                    .body("schedule.interval", equalTo("PT24H"))
                    .body("schedule.paused", equalTo(false))
                    .body("createdBy", equalTo("alice"))
                    .extract().path("id");

            String nextRun = given().auth().oauth2(editor(tenant)).get("/api/v1/integrations/" + id)
                    .then().statusCode(200).body("id", equalTo(id)).extract().path("schedule.nextRunAt");
            Duration untilNext = Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(nextRun));
            assertTrue(untilNext.compareTo(Duration.ofHours(23)) > 0 && untilNext.compareTo(Duration.ofHours(25)) < 0,
                    "the next sync is due 24 hours from now, was " + untilNext);

            JsonNode created = only(events.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30)));
            assertEquals("1.0", created.get("specversion").asText());
            assertEquals("dev.roster.integration.created.v1", created.get("type").asText());
            assertEquals(tenant, created.get("tenantid").asText());
            assertEquals(id, created.get("data").get("integrationId").asText());
            assertEquals("STAFFBASE", created.get("data").get("sourceType").asText());
            assertEquals("alice", created.get("data").get("createdBy").asText());

            JsonNode discovery = only(requests.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30)));
            assertEquals("dev.roster.sync.discovery-requested.v1", discovery.get("type").asText());
            assertEquals(id, discovery.get("data").get("integrationId").asText());
        }
    }

    @Test
    void aTenantConnectsOneStaffbaseButSeveralOfEveryOtherType() {
        String tenant = freshTenant();
        create(editor(tenant), staffbase("Intranet"));
        post(editor(tenant), staffbase("Second intranet"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already has a Staffbase integration"));
        create(editor(tenant), scim("SCIM one"));
        create(editor(tenant), scim("SCIM two"));
        create(editor(freshTenant()), staffbase("Another tenant's intranet"));
    }

    @Test
    void eachSourceTypeTakesItsOwnConnection() {
        String token = editor(freshTenant());
        post(token, """
                {"name": "Entra", "sourceType": "ENTRA_ID",
                 "connection": {"directoryTenantId": "contoso.onmicrosoft.com", "clientId": "app-1"},
                 "credentials": {"clientSecret": "entra-secret"}}""")
                .statusCode(201)
                .body("connection.graphUrl", equalTo("https://graph.microsoft.com"))
                .body("connection.authorityUrl", equalTo("https://login.microsoftonline.com"));
        post(token,
                """
                        {"name": "Workday report", "sourceType": "WORKDAY",
                         "connection": {"mode": "RAAS", "reportUrl": "https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/isu/Workers?format=json"},
                         "credentials": {"username": "isu", "password": "pw"}}""")
                .statusCode(201).body("secrets.missing", equalTo(List.of()));
        post(token,
                """
                        {"name": "Workday REST", "sourceType": "WORKDAY",
                         "connection": {"mode": "REST", "baseUrl": "https://wd2-impl-services1.workday.com", "tenant": "acme"}}""")
                .statusCode(201)
                .body("connection.pageSize", equalTo(100))
                .body("secrets.missing", equalTo(List.of("clientId", "clientSecret", "refreshToken")));
        post(token, """
                {"name": "CRM", "sourceType": "SALESFORCE",
                 "connection": {"instanceUrl": "https://acme.my.salesforce.com", "clientId": "3MVG9"}}""")
                .statusCode(201)
                .body("connection.apiVersion", equalTo("v60.0"))
                .body("connection.object", equalTo("Contact"));
        post(token, """
                {"name": "Upload", "sourceType": "CSV"}""")
                .statusCode(201).body("connection.delimiter", equalTo(","));
    }

    @Test
    void invalidConnectionsAreRefusedNamingTheField() {
        String token = editor(freshTenant());
        expectInvalid(token, "{\"name\": \"x\", \"sourceType\": \"STAFFBASE\", \"connection\": {}}",
                "connection.baseUrl", "must not be blank");
        expectInvalid(token,
                "{\"name\": \"x\", \"sourceType\": \"SCIM\", \"connection\": {\"baseUrl\": \"http://scim.example.com\"}}",
                "connection.baseUrl", "https");
        expectInvalid(token,
                "{\"name\": \"x\", \"sourceType\": \"SCIM\", \"connection\": {\"baseUrl\": \"https://scim.example.com\", \"pageSize\": 0}}",
                "connection.pageSize", "greater than or equal to 1");
        expectInvalid(token,
                "{\"name\": \"x\", \"sourceType\": \"SCIM\", \"connection\": {\"baseUrl\": \"https://scim.example.com\", \"pageSize\": \"many\"}}",
                "connection.pageSize", "wrong type");
        expectInvalid(token,
                "{\"name\": \"x\", \"sourceType\": \"SCIM\", \"connection\": {\"baseUrl\": \"https://scim.example.com\", \"tenant\": \"acme\"}}",
                "connection.tenant", "not a connection setting of SCIM");
        expectInvalid(token, "{\"name\": \"x\", \"sourceType\": \"WORKDAY\", \"connection\": {\"mode\": \"RAAS\"}}",
                "connection", "RAAS needs reportUrl");
        expectInvalid(token, "{\"name\": \"x\", \"sourceType\": \"WORKDAY\", \"connection\": {\"mode\": \"SOAP\"}}",
                "connection.mode", "must be one of");
        expectInvalid(token,
                "{\"name\": \"x\", \"sourceType\": \"STAFFBASE\", \"connection\": {\"baseUrl\": \"https://backend.staffbase.com\"}, \"credentials\": {\"password\": \"p\"}}",
                "credentials.password", "expected apiToken");
        expectInvalid(token,
                "{\"name\": \"x\", \"sourceType\": \"STAFFBASE\", \"connection\": \"https://backend.staffbase.com\"}",
                "connection", "must be an object");
    }

    @Test
    void sourceUrlsMustNotPointInside() {
        String token = editor(freshTenant());
        for (String url : List.of("https://127.0.0.1/api", "https://10.1.2.3", "https://169.254.169.254/latest",
                "https://192.168.0.10", "https://[::1]:8443", "https://localhost:8443", "https://db.internal",
                "https://user:pw@scim.example.com")) {
            expectInvalid(token,
                    "{\"name\": \"x\", \"sourceType\": \"SCIM\", \"connection\": {\"baseUrl\": \"" + url + "\"}}",
                    "connection.baseUrl", "must not");
        }
    }

    @Test
    void invalidSchedulesAreRefusedNamingTheField() {
        String token = editor(freshTenant());
        expectInvalid(token, withSchedule("{\"kind\": \"INTERVAL\", \"interval\": \"PT1M\"}"), "schedule.interval",
                "between PT15M and P31D");
        expectInvalid(token, withSchedule("{\"kind\": \"CRON\", \"cron\": \"every morning\"}"), "schedule.cron",
                "not a valid Quartz cron");
        expectInvalid(token, withSchedule("{\"kind\": \"CRON\"}"), "schedule.cron", "required");
        expectInvalid(token, withSchedule("{\"kind\": \"WEEKLY\"}"), "schedule.kind", "INTERVAL");
        expectInvalid(token, withSchedule("{\"interval\": \"PT1H\"}"), "schedule.kind", "must not be null");
    }

    @Test
    void aCronScheduleShowsItsNextRunAndAPausedOneNone() {
        String token = editor(freshTenant());
        post(token, withSchedule("{\"kind\": \"CRON\", \"cron\": \"0 0 3 * * ?\"}"))
                .statusCode(201)
                .body("schedule.kind", equalTo("CRON"))
                .body("schedule.nextRunAt", containsString("T03:00"));
        post(token, withSchedule("{\"kind\": \"INTERVAL\", \"interval\": \"PT6H\", \"paused\": true}"))
                .statusCode(201)
                .body("schedule.paused", equalTo(true))
                .body("schedule.nextRunAt", equalTo(null));
    }

    @Test
    void aMissingNameIsRefusedNamingTheField() {
        post(editor(freshTenant()), "{\"sourceType\": \"CSV\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void anUnknownSourceTypeIsRefusedNamingTheFieldAndTheChoices() {
        post(editor(freshTenant()), "{\"name\": \"HR\", \"sourceType\": \"LDAP\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sourceType"))
                .body("errors[0].message", containsString("STAFFBASE"));
    }

    @Test
    void aTooLongNameIsRefused() {
        post(editor(freshTenant()), "{\"name\": \"" + "x".repeat(201) + "\", \"sourceType\": \"CSV\"}")
                .statusCode(400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void malformedJsonIsRefused() {
        post(editor(freshTenant()), "{\"name\": ")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed request body"));
    }

    @Test
    void noTokenIsUnauthenticated() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"HR\", \"sourceType\": \"CSV\"}")
                .post("/api/v1/integrations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().get("/api/v1/integrations").then().statusCode(401);
    }

    @Test
    void aForgedTokenIsUnauthenticated() {
        String token = editor(freshTenant());
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).get("/api/v1/integrations/00000000-0000-0000-0000-000000000001")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void connectingASourceNeedsBothPermissions() {
        String tenant = freshTenant();
        post(TestTokens.token("dave", tenant, Permissions.INTEGRATIONS_EDIT), scim("x"))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("mappings-edit"));
        post(TestTokens.token("dave", tenant, Permissions.MAPPINGS_EDIT), scim("x")).statusCode(403);
        post(TestTokens.token("erin", tenant, Permissions.CONTACTS_READ), scim("x")).statusCode(403);
    }

    @Test
    void aParentAdminMayConnectSources() {
        post(TestTokens.token("root", freshTenant(), Permissions.PARENT_ADMIN), scim("Entra")).statusCode(201);
    }

    @Test
    void anotherTenantsIntegrationIsNotFound() {
        String id = create(editor(freshTenant()), scim("Workday"));
        given().auth().oauth2(editor(freshTenant())).get("/api/v1/integrations/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("instance", equalTo("/api/v1/integrations/" + id));
    }

    @Test
    void readingNeedsAnIntegrationPermission() {
        String tenant = freshTenant();
        String id = create(editor(tenant), scim("SCIM"));
        given().auth().oauth2(TestTokens.token("erin", tenant, Permissions.CONTACTS_READ))
                .get("/api/v1/integrations/" + id)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("mia", tenant, Permissions.MAPPINGS_EDIT))
                .get("/api/v1/integrations/" + id)
                .then().statusCode(200);
    }

    @Test
    void aTokenWithoutTenantIsRefused() {
        String noTenant = TestTokens.token("ghost", null, Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT);
        given().auth().oauth2(noTenant).get("/api/v1/integrations/00000000-0000-0000-0000-000000000001")
                .then().statusCode(403).body("detail", containsString("tenant"));
    }

    @Test
    void aMalformedIdIsNotFound() {
        given().auth().oauth2(editor(freshTenant())).get("/api/v1/integrations/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static void expectInvalid(String token, String body, String field, String message) {
        post(token, body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    private static String withSchedule(String schedule) {
        return "{\"name\": \"x\", \"sourceType\": \"CSV\", \"schedule\": " + schedule + "}";
    }

    private static JsonNode only(List<ConsumerRecord<String, String>> records) throws Exception {
        assertEquals(1, records.size());
        return JSON.readTree(records.get(0).value());
    }
}
