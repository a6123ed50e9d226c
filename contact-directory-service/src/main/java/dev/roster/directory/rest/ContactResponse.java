package dev.roster.directory.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.directory.contact.Contact;

@Schema(name = "Contact", description = "A contact: its fields merged over every source that supplies it", example = """
        {"id": "5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95", "uniqueId": "ada.lovelace@acme.example",
         "fields": {"email": "ada.lovelace@acme.example", "firstName": "Ada", "lastName": "Lovelace",
           "department": "Engineering", "hireDate": "2021-03-01"},
         "sources": [{"integrationId": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44", "sourceId": "5f1e9b7c2a"}],
         "createdAt": "2026-11-22T08:00:00Z", "updatedAt": "2026-11-23T08:00:00Z"}""")
public record ContactResponse(
        UUID id,
        @Schema(description = "The value of the tenant's unique-contact-ID field") String uniqueId,
        @Schema(description = "Field key to value: text, numbers in plain decimal, dates yyyy-MM-dd; empty fields are absent") Map<String, String> fields,
        @Schema(description = "The integrations that supply the contact, with the person's id in each") List<Source> sources,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public record Source(UUID integrationId, String sourceId) {
    }

    static ContactResponse of(Contact contact) {
        return new ContactResponse(contact.id(), contact.uniqueId(), contact.fields(),
                contact.sources().stream().map(s -> new Source(s.integrationId(), s.sourceId())).toList(),
                contact.createdAt(), contact.updatedAt());
    }
}
