package dev.roster.mappingrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.MappingPublished;
import dev.roster.commons.events.MappingPublished.ExclusionGroup;
import dev.roster.commons.events.MappingPublished.ExclusionRule;
import dev.roster.commons.events.MappingPublished.MappedField;
import dev.roster.commons.events.MappingPublished.Operator;
import dev.roster.commons.events.MappingPublished.TargetType;
import dev.roster.commons.events.MappingPublished.TransformationKind;

/** A published mapping applied to records: transformations, exclusions, and the limits on regexes. */
class PublishedMappingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void transformationsRunInOrderBeforeTheTypeCheck() throws Exception {
        Mapping mapping = mapping(List.of(
                field("email", TargetType.EMAIL, "mail", step(TransformationKind.TRIM)),
                field("displayName", TargetType.TEXT, "givenName",
                        join(List.of("surname"), " "), step(TransformationKind.UPPER_CASE)),
                field("phone", TargetType.TEXT, "phone", replace("[^0-9+]", "")),
                field("country", TargetType.TEXT, "country", defaultValue("DE"),
                        step(TransformationKind.LOWER_CASE)),
                field("hireDate", TargetType.DATE, "since", parseDate("dd.MM.yyyy"))), List.of());
        RecordMapper.Result result = RecordMapper.map("r1", record("""
                {"mail": "  Ana@Example.com ", "givenName": "Ana", "surname": "Lima",
                 "phone": "+49 (30) 12-34", "since": "01.05.2021"}"""), mapping);
        assertTrue(result.ok(), result.errors().toString());
        assertEquals("ana@example.com", result.contact().uniqueId());
        assertEquals("ANA LIMA", result.contact().fields().get("displayName"));
        assertEquals("+49301234", result.contact().fields().get("phone"));
        assertEquals("de", result.contact().fields().get("country"), "the default, then lower case");
        assertEquals("2021-05-01", result.contact().fields().get("hireDate"));
    }

    @Test
    void aDateThatDoesNotFitItsFormatFailsTheRecordNamingTheField() throws Exception {
        Mapping mapping = mapping(List.of(field("email", TargetType.EMAIL, "mail"),
                field("hireDate", TargetType.DATE, "since", parseDate("dd.MM.yyyy"))), List.of());
        RecordMapper.Result result = RecordMapper.map("r2", record("""
                {"mail": "ana@example.com", "since": "2021-05-01"}"""), mapping);
        assertFalse(result.ok());
        assertEquals("hireDate", result.errors().get(0).field());
        assertTrue(result.errors().get(0).reason().contains("not a date in the format dd.MM.yyyy"));
    }

    @Test
    void everyOperatorExcludesByItsRule() throws Exception {
        JsonNode person = record("""
                {"mail": "bot@example.com", "department": "Sales", "type": "Contractor", "note": ""}""");
        assertTrue(excludes(person, rule("department", Operator.EQUALS, "sales")), "case is ignored");
        assertFalse(excludes(person, rule("department", Operator.NOT_EQUALS, "Sales")));
        assertTrue(excludes(person, rule("mail", Operator.CONTAINS, "BOT")));
        assertTrue(excludes(person, rule("mail", Operator.STARTS_WITH, "bot@")));
        assertTrue(excludes(person, rule("mail", Operator.ENDS_WITH, "@example.com")));
        assertTrue(excludes(person, new ExclusionRule("type", Operator.IN, null, List.of("Intern", "contractor"))));
        assertTrue(excludes(person, rule("note", Operator.IS_EMPTY, null)));
        assertTrue(excludes(person, rule("absent", Operator.IS_EMPTY, null)), "an absent attribute is empty");
        assertTrue(excludes(person, rule("mail", Operator.MATCHES, "^bot@")));
        assertFalse(excludes(person, rule("mail", Operator.MATCHES, "^ana@")));
    }

    @Test
    void rulesOfAGroupMustAllMatchAndAnyGroupExcludes() throws Exception {
        JsonNode person = record("""
                {"department": "Sales", "type": "Employee"}""");
        ExclusionGroup salesContractors = new ExclusionGroup(List.of(rule("department", Operator.EQUALS, "Sales"),
                rule("type", Operator.EQUALS, "Contractor")));
        assertFalse(ExclusionRules.of(List.of(salesContractors)).excludes(person), "AND within a group");
        ExclusionGroup employees = new ExclusionGroup(List.of(rule("type", Operator.EQUALS, "Employee")));
        assertTrue(ExclusionRules.of(List.of(salesContractors, employees)).excludes(person), "OR across groups");
    }

    @Test
    void unsafeOrBrokenRegexesAreRefusedNamingTheirPlace() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> ExclusionRules.of(
                List.of(new ExclusionGroup(List.of(rule("mail", Operator.MATCHES, "a".repeat(201)))))));
        assertTrue(tooLong.getMessage().startsWith("/0/allOf/0/value: "), tooLong.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> PublishedMappings.toMapping(published(List.of(field("email", TargetType.EMAIL, "mail"),
                        field("phone", TargetType.TEXT, "phone", replace("([", "x"))), List.of())));
        assertTrue(broken.getMessage().startsWith("/fields/1/transformations/0/pattern: not a valid regular"),
                broken.getMessage());
    }

    @Test
    void aCatastrophicRegexFailsOneValueNotTheSync() throws Exception {
        JsonNode person = record("{\"name\": \"" + "a".repeat(300) + "\"}");
        assertFalse(excludes(person, rule("name", Operator.MATCHES, "(.*a){12}b")), "given up, not matched");
        Mapping mapping = mapping(List.of(field("email", TargetType.EMAIL, "mail", defaultValue("x@example.com")),
                field("displayName", TargetType.TEXT, "name", replace("(.*a){12}b", ""))), List.of());
        RecordMapper.Result result = RecordMapper.map("r3", person, mapping);
        assertFalse(result.ok());
        assertTrue(result.errors().get(0).reason().contains("too costly"), result.errors().toString());
    }

    private static boolean excludes(JsonNode person, ExclusionRule rule) {
        return ExclusionRules.of(List.of(new ExclusionGroup(List.of(rule)))).excludes(person);
    }

    private static ExclusionRule rule(String attribute, Operator operator, String value) {
        return new ExclusionRule(attribute, operator, value, null);
    }

    private static Mapping mapping(List<MappedField> fields, List<ExclusionGroup> exclusions) {
        return PublishedMappings.toMapping(published(fields, exclusions));
    }

    private static MappingPublished published(List<MappedField> fields, List<ExclusionGroup> exclusions) {
        return new MappingPublished(UUID.randomUUID(), "CSV", 2, "email", false, fields, exclusions, List.of(),
                null);
    }

    private static MappedField field(String target, TargetType type, String source,
            MappingPublished.Transformation... steps) {
        return new MappedField(target, type, List.of(source), List.of(steps));
    }

    private static MappingPublished.Transformation step(TransformationKind kind) {
        return new MappingPublished.Transformation(kind, null, null, null, null, null, null);
    }

    private static MappingPublished.Transformation join(List<String> fields, String separator) {
        return new MappingPublished.Transformation(TransformationKind.JOIN, null, null, fields, separator, null, null);
    }

    private static MappingPublished.Transformation replace(String pattern, String replacement) {
        return new MappingPublished.Transformation(TransformationKind.REPLACE, pattern, replacement, null, null, null,
                null);
    }

    private static MappingPublished.Transformation defaultValue(String value) {
        return new MappingPublished.Transformation(TransformationKind.DEFAULT, null, null, null, null, value, null);
    }

    private static MappingPublished.Transformation parseDate(String format) {
        return new MappingPublished.Transformation(TransformationKind.PARSE_DATE, null, null, null, null, null, format);
    }

    private static JsonNode record(String json) throws Exception {
        return JSON.readTree(json);
    }
}
