package dev.roster.directory.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ContactPage", description = "One page of contacts in the requested order", example = """
        {"items": [{"id": "5a0f3e1c-7b2d-4e8a-9c61-0d4b2f7e3a95", "uniqueId": "ada.lovelace@acme.example",
           "fields": {"email": "ada.lovelace@acme.example", "lastName": "Lovelace", "department": "Engineering"},
           "sources": [{"integrationId": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44", "sourceId": "5f1e9b7c2a"}],
           "createdAt": "2026-11-22T08:00:00Z", "updatedAt": "2026-11-23T08:00:00Z"}],
         "nextCursor": "bGFzdE5hbWUKTG92ZWxhY2UKNWEwZjNlMWM", "total": 1250}""")
public record ContactPage(
        List<ContactResponse> items,
        @Schema(description = "Pass as cursor for the next page; absent on the last page") String nextCursor,
        @Schema(description = "How many contacts match, when total=true was asked") Long total) {
}
