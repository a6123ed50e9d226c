package dev.roster.mapping.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roster.commons.events.FieldsDiscovered.DiscoveredField;
import dev.roster.commons.events.FieldsDiscovered.FieldType;
import dev.roster.mapping.domain.IntegrationMapping.FieldMapping;

/** The suggested mapping: by the source's known names, then by common spellings, when the samples fit. */
class SuggestionsTest {

    @Test
    void eachSourcesEmailAndFirstNameAreFoundByName() {
        assertEquals("email", targets("STAFFBASE", text("publicEmailAddress", "ana@acme.example")).get(
                "publicEmailAddress"));
        assertEquals("email", targets("WORKDAY", text("primaryWorkEmail", "ana@acme.example")).get(
                "primaryWorkEmail"));
        Map<String, String> salesforce = targets("SALESFORCE", text("Email", "ana@acme.example"),
                text("FirstName", "Ana"));
        assertEquals("email", salesforce.get("Email"));
        assertEquals("firstName", salesforce.get("FirstName"));
        Map<String, String> csv = targets("CSV", text("E-Mail", "ana@acme.example"), text("firstName", "Ana"),
                text("Surname", "Lima"));
        assertEquals("email", csv.get("E-Mail"));
        assertEquals("firstName", csv.get("firstName"));
        assertEquals("lastName", csv.get("Surname"));
        assertEquals("firstName", targets("ENTRA_ID", text("givenName", "Ana")).get("givenName"));
    }

    @Test
    void aFieldWhoseSamplesDoNotFitIsLeftSkipped() {
        Map<String, String> targets = targets("CSV", text("email", "not an address"),
                new DiscoveredField("hireDate", FieldType.TEXT, List.of("soon")),
                new DiscoveredField("Mail", FieldType.TEXT, List.of("ana@acme.example")));
        assertNull(targets.get("email"), "no @ in its samples");
        assertNull(targets.get("hireDate"), "text samples are no dates");
        assertEquals("email", targets.get("Mail"), "the next spelling that fits");
    }

    @Test
    void aTargetIsSuggestedOnceAndUnknownFieldsAreSkipped() {
        Map<String, String> targets = targets("SCIM", text("userName", "ana@acme.example"),
                text("emails.value", "ana.lima@acme.example"), text("favouriteColour", "green"));
        assertEquals("email", targets.get("emails.value"), "SCIM's primary email before its user name");
        assertNull(targets.get("userName"));
        assertNull(targets.get("favouriteColour"));
        assertEquals(3, targets.size(), "every discovered field is listed, skipped or not");
    }

    private static Map<String, String> targets(String sourceType, DiscoveredField... fields) {
        Map<String, String> targets = new HashMap<>();
        for (FieldMapping field : Suggestions.suggest(sourceType, List.of(fields))) {
            targets.put(field.source(), field.target());
        }
        return targets;
    }

    private static DiscoveredField text(String name, String sample) {
        return new DiscoveredField(name, FieldType.TEXT, List.of(sample));
    }
}
