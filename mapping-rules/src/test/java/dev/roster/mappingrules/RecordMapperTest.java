package dev.roster.mappingrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.RecordErrors.RecordError;

/** The built-in mappings turn source records into contacts, or into errors that name the field. */
class RecordMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aScimUserBecomesAContactFromItsPrimaryEmailAndTheEnterpriseExtension() throws Exception {
        JsonNode user = JSON.readTree("""
                {"id": "2819c223", "userName": "bjensen@example.com",
                 "name": {"givenName": "Barbara", "familyName": "Jensen"},
                 "emails": [{"value": "babs@home.example", "type": "home"},
                            {"value": "BJensen@Example.com", "type": "work", "primary": true}],
                 "title": "Tour Guide",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984",
                     "department": "Tour Operations"}}""");
        RecordMapper.Result result = RecordMapper.map("2819c223", user,
                DefaultMappings.forSource("SCIM"));
        assertTrue(result.ok(), result.errors().toString());
        assertEquals("bjensen@example.com", result.contact().uniqueId(), "the primary email, in lower case");
        assertEquals("Barbara", result.contact().fields().get("firstName"));
        assertEquals("Tour Operations", result.contact().fields().get("department"));
        assertEquals("701984", result.contact().fields().get("employeeId"));
        assertFalse(result.contact().fields().containsKey("mobilePhone"), "an empty field is absent");
    }

    @Test
    void aGraphDateTimeCountsByItsDate() throws Exception {
        RecordMapper.Result result = RecordMapper.map("u1", JSON.readTree("""
                {"id": "u1", "mail": "ana@contoso.com", "employeeHireDate": "2021-05-01T00:00:00Z",
                 "businessPhones": ["+49 30 1234", "+49 30 9999"]}"""), DefaultMappings.forSource("ENTRA_ID"));
        assertEquals("2021-05-01", result.contact().fields().get("hireDate"));
        assertEquals("+49 30 1234", result.contact().fields().get("phone"), "the first of an array");
    }

    @Test
    void everyBadFieldOfARecordIsAnErrorNamingItAndTheSourceField() throws Exception {
        RecordMapper.Result result = RecordMapper.map("u2", JSON.readTree("""
                {"id": "u2", "mail": "not-an-email", "employeeHireDate": "31.02.2019"}"""),
                DefaultMappings.forSource("ENTRA_ID"));
        assertFalse(result.ok());
        assertNull(result.contact());
        List<RecordError> errors = result.errors();
        assertEquals(2, errors.size());
        assertEquals("email", errors.get(0).field());
        assertTrue(errors.get(0).reason().contains("'not-an-email' is not a valid email address"));
        assertTrue(errors.get(0).reason().contains("'mail'"));
        assertEquals("hireDate", errors.get(1).field());
        assertTrue(errors.get(1).reason().contains("not a date"));
        assertEquals("u2", errors.get(1).sourceRecordId());
    }

    @Test
    void aRecordWithoutTheUniqueIdIsAnError() throws Exception {
        RecordMapper.Result result = RecordMapper.map("s1", JSON.readTree("""
                {"id": "s1", "firstName": "Zoë", "emails": []}"""), DefaultMappings.forSource("STAFFBASE"));
        assertFalse(result.ok());
        assertEquals("email", result.errors().get(0).field());
        assertTrue(result.errors().get(0).reason().startsWith("no value for the unique contact ID field 'email'"));
    }

    @Test
    void numbersAndTextAreCheckedByType() {
        assertEquals("1200.5", RecordMapper.convert(FieldType.NUMBER, "1200.50"));
        assertEquals("1000", RecordMapper.convert(FieldType.NUMBER, "1e3"), "plain notation");
        assertThrows(() -> RecordMapper.convert(FieldType.NUMBER, "12,5"));
        assertThrows(() -> RecordMapper.convert(FieldType.TEXT, "x".repeat(RecordMapper.MAX_TEXT + 1)));
        assertThrows(() -> RecordMapper.convert(FieldType.EMAIL, "a@b"));
    }

    private static void assertThrows(Runnable call) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, call::run);
    }
}
