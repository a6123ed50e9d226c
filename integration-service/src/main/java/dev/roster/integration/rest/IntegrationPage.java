package dev.roster.integration.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "IntegrationPage", description = "One page of integrations, newest first", example = """
        {"items": [{"id": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44", "name": "Staffbase intranet", "sourceType": "STAFFBASE",
           "connection": {"baseUrl": "https://backend.staffbase.com", "pageSize": 100, "apiVersion": "V1"},
           "secrets": {"set": ["apiToken"], "missing": []},
           "schedule": {"kind": "INTERVAL", "interval": "PT24H", "paused": false, "nextRunAt": "2026-11-23T08:00:00Z"},
           "createdBy": "4d1e0c2b-admin", "createdAt": "2026-11-22T08:00:00Z", "updatedAt": "2026-11-22T08:00:00Z"}],
         "nextCursor": "MjAyNi0xMS0yMlQwODowMDowMFp8NmYxYzJhOWU"}""")
public record IntegrationPage(
        List<IntegrationResponse> items,
        @Schema(description = "Pass as cursor for the next page; absent on the last page") String nextCursor) {
}
