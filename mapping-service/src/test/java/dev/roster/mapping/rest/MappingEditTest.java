package dev.roster.mapping.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.roster.commons.security.Permissions;
import dev.roster.mapping.MappingFixtures;
import dev.roster.testinfra.TestTokens;

/** Saving and previewing a mapping: the rules of a valid mapping, each refusal naming its field, and who may. */
@QuarkusTest
class MappingEditTest {

    private static final String EDITOR = TestTokens.token("alice", "acme", Permissions.MAPPINGS_EDIT);

    /** Valid, but for the cost center's sample 'n/a' when mapped onto a Number field. */
    private static final String VALID = """
            {"uniqueIdField": "email",
             "fields": [
               {"source": "mail", "target": "email", "transformations": [{"kind": "TRIM"}, {"kind": "LOWER_CASE"}]},
               {"source": "givenName", "target": "displayName",
                "transformations": [{"kind": "JOIN", "fields": ["surname"], "separator": " "}]},
               {"source": "employeeHireDate", "target": "hireDate"},
               {"source": "accountEnabled", "target": null}],
             "exclusions": [{"allOf": [{"attribute": "mail", "operator": "STARTS_WITH", "value": "bot@"}]}],
             "acceptedStatuses": ["enabled"]}""";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    private UUID integration;

    @BeforeEach
    void aDiscoveredIntegrationOfAcme() {
        integration = UUID.randomUUID();
        MappingFixtures.discovered(bootstrap, em, integration, "acme");
    }

    @Test
    void aValidMappingIsSavedAsTheNextVersion() {
        put("\"1\"", VALID).statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("fields.find { it.source == 'givenName' }.target", equalTo("displayName"))
                .body("fields.find { it.source == 'surname' }.target", equalTo(null))
                .body("exclusions[0].allOf[0].operator", equalTo("STARTS_WITH"))
                .body("acceptedStatuses", equalTo(java.util.List.of("enabled")));
    }

    @Test
    void aChangedUniqueIdFieldIsPublishedAsSuch() {
        put("\"1\"", VALID.replace("\"uniqueIdField\": \"email\"", "\"uniqueIdField\": \"employeeId\"")
                .replace("{\"source\": \"accountEnabled\", \"target\": null}",
                        "{\"source\": \"surname\", \"target\": \"employeeId\"}"))
                .statusCode(200).body("uniqueIdField", equalTo("employeeId"));
        String payload = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT payload FROM outbox_event WHERE event_key = ?1 AND payload LIKE '%\"version\":2%'")
                .setParameter(1, integration.toString()).getSingleResult());
        org.junit.jupiter.api.Assertions.assertTrue(payload.contains("\"uniqueIdFieldChanged\":true"), payload);
    }

    @Test
    void theUniqueIdCannotBeSkipped() {
        invalid(VALID.replace("{\"source\": \"mail\", \"target\": \"email\"",
                "{\"source\": \"mail\", \"target\": null"),
                "uniqueIdField", "cannot be skipped");
    }

    @Test
    void twoFieldsCannotMapToOneTarget() {
        invalid(VALID.replace("\"target\": \"hireDate\"", "\"target\": \"displayName\""), "fields[2].target",
                "already the target of fields[1]");
    }

    @Test
    void acceptedStatusesAreTheSourcesOwn() {
        invalid(VALID.replace("\"acceptedStatuses\": [\"enabled\"]",
                "\"acceptedStatuses\": [\"enabled\", \"activated\"]"),
                "acceptedStatuses[1]", "no status of a ENTRA_ID source; one of [enabled, disabled]");
        invalid(VALID.replace("\"acceptedStatuses\": [\"enabled\"]", "\"acceptedStatuses\": []"),
                "acceptedStatuses", "1 to 20");
        put("\"1\"", VALID.replace("\"acceptedStatuses\": [\"enabled\"]",
                "\"acceptedStatuses\": [\"enabled\", \"disabled\"]")).statusCode(200)
                .body("acceptedStatuses", equalTo(java.util.List.of("enabled", "disabled")));
    }

    @Test
    void anUnknownTargetIsRefused() {
        invalid(VALID.replace("\"target\": \"hireDate\"", "\"target\": \"shoeSize\""), "fields[2].target",
                "no field of the contact schema");
    }

    @Test
    void unparseableNumberSamplesAreRefusedUnlessForced() {
        String costCenter = VALID.replace("{\"source\": \"accountEnabled\", \"target\": null}",
                "{\"source\": \"extension_costCenter\", \"target\": \"costCenter\"}")
                .replace("\"acceptedStatuses\"", "\"newCustomFields\": [{\"key\": \"costCenter\", \"label\":"
                        + " \"Cost center\", \"type\": \"NUMBER\"}], \"acceptedStatuses\"");
        invalid(costCenter, "fields[3]", "'n/a' is not a number");
        put("\"1\"", costCenter.replace("\"acceptedStatuses\"", "\"force\": true, \"acceptedStatuses\""))
                .statusCode(200).body("fields.find { it.source == 'extension_costCenter' }.target",
                        equalTo("costCenter"));
        given().auth().oauth2(EDITOR).get("/api/v1/schema/fields").then().statusCode(200)
                .body("key", hasItem("costCenter"));
    }

    @Test
    void brokenTransformationsAndRulesAreRefusedNamingTheirPlace() {
        invalid(VALID.replace("{\"kind\": \"TRIM\"}", "{\"kind\": \"REPLACE\", \"pattern\": \"([\"}"),
                "fields[0].transformations[0].pattern", "not a valid regular expression");
        invalid(VALID.replace("{\"kind\": \"TRIM\"}", "{\"kind\": \"REPLACE\", \"pattern\": \"" + "a".repeat(201)
                + "\"}"), "fields[0].transformations[0].pattern", "at most 200 characters");
        invalid(VALID.replace("\"operator\": \"STARTS_WITH\", \"value\": \"bot@\"", "\"operator\": \"IN\""),
                "exclusions[0].allOf[0].values", "at least one value");
        invalid(VALID.replace("{\"kind\": \"TRIM\"}", "{\"kind\": \"PARSE_DATE\"}"),
                "fields[0].transformations[0].format", "is required");
    }

    @Test
    void malformedJsonOrAnUnknownKindIsABadRequest() {
        given().auth().oauth2(EDITOR).header("If-Match", "\"1\"").contentType("application/json")
                .body(VALID.replace("\"TRIM\"", "\"EVAL\"")).put(path())
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aSaveNeedsTheCurrentVersionInIfMatch() {
        put(null, VALID).statusCode(428).contentType("application/problem+json");
        put("\"0\"", VALID).statusCode(412).contentType("application/problem+json")
                .body("detail", containsString("at version 1"));
    }

    @Test
    void thePreviewShowsContactsExclusionsAndErrorsAndSavesNothing() {
        String draft = VALID.replace("{\"source\": \"accountEnabled\", \"target\": null}",
                "{\"source\": \"extension_costCenter\", \"target\": \"budget\"}")
                .replace("\"acceptedStatuses\"", "\"newCustomFields\": [{\"key\": \"budget\", \"label\": \"Budget\","
                        + " \"type\": \"NUMBER\"}], \"acceptedStatuses\"");
        given().auth().oauth2(EDITOR).contentType("application/json").body(draft).post(path() + "/preview")
                .then().statusCode(200)
                .body("contacts.size()", equalTo(1))
                .body("contacts[0].uniqueId", equalTo("ana.lima@contoso.com"))
                .body("contacts[0].fields.displayName", equalTo("Ana Lima"))
                .body("contacts[0].fields.hireDate", equalTo("2021-05-01"))
                .body("contacts[0].fields.budget", equalTo("4711"))
                .body("excluded", equalTo(java.util.List.of(3)))
                .body("errors[0].sample", equalTo(2))
                .body("errors[0].field", equalTo("budget"))
                .body("errors[0].reason", containsString("'n/a' is not a number"));
        given().auth().oauth2(EDITOR).get(path()).then().statusCode(200).body("version", equalTo(1));
        given().auth().oauth2(EDITOR).get("/api/v1/schema/fields").then().statusCode(200)
                .body("key", org.hamcrest.Matchers.not(hasItem("budget")));
    }

    @Test
    void anotherTenantSeesNoMappingToSaveOrPreview() {
        String mallory = TestTokens.token("mallory", "globex", Permissions.MAPPINGS_EDIT);
        given().auth().oauth2(mallory).header("If-Match", "\"1\"").contentType("application/json").body(VALID)
                .put(path()).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(mallory).contentType("application/json").body(VALID).post(path() + "/preview")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void editingIntegrationsIsNotEnoughToChangeAMapping() {
        String integrator = TestTokens.token("ian", "acme", Permissions.INTEGRATIONS_EDIT);
        given().auth().oauth2(integrator).header("If-Match", "\"1\"").contentType("application/json").body(VALID)
                .put(path()).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(integrator).contentType("application/json").body(VALID).post(path() + "/preview")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private void invalid(String body, String field, String message) {
        put("\"1\"", body).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString(message));
    }

    private ValidatableResponse put(String ifMatch, String body) {
        var request = given().auth().oauth2(EDITOR).contentType("application/json").body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(path()).then();
    }

    private String path() {
        return "/api/v1/integrations/" + integration + "/mapping";
    }
}
