package dev.roster.integration.rest;

import static dev.roster.integration.rest.IntegrationApi.create;
import static dev.roster.integration.rest.IntegrationApi.editor;
import static dev.roster.integration.rest.IntegrationApi.freshTenant;
import static dev.roster.integration.rest.IntegrationApi.scim;
import static dev.roster.integration.rest.IntegrationApi.staffbase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestTokens;

@QuarkusTest
class IntegrationListTest {

    @Test
    void pagesWalkEveryIntegrationNewestFirstExactlyOnce() {
        String token = editor(freshTenant());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(token, scim("SCIM " + i)));
        }
        create(editor(freshTenant()), scim("Another tenant's"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/integrations").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        Collections.reverse(created);
        assertEquals(created, seen);
        assertEquals(3, pages);
    }

    @Test
    void listsFilterBySourceType() {
        String token = editor(freshTenant());
        create(token, scim("SCIM"));
        String staffbase = create(token, staffbase("Intranet"));
        given().auth().oauth2(token).queryParam("sourceType", "STAFFBASE").get("/api/v1/integrations")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(staffbase)))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        String token = editor(freshTenant());
        given().auth().oauth2(token).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/integrations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(token).queryParam("limit", 0).get("/api/v1/integrations")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(token).queryParam("limit", 500).get("/api/v1/integrations")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void listingNeedsAnIntegrationPermission() {
        given().auth().oauth2(TestTokens.token("carol", freshTenant(), Permissions.CONTACTS_READ))
                .get("/api/v1/integrations").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anotherTenantSeesAnEmptyList() {
        create(editor(freshTenant()), scim("Mine"));
        given().auth().oauth2(editor(freshTenant())).get("/api/v1/integrations")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }
}
