package dev.roster.integration.rest;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.integration.domain.SourceType;

@Schema(name = "SourceAccess", description = "What the worker needs to call a source, secrets included", example = """
        {"integrationId": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44", "tenantId": "acme", "sourceType": "STAFFBASE",
         "connection": {"baseUrl": "https://backend.staffbase.com", "pageSize": 100, "apiVersion": "V1"},
         "credentials": {"apiToken": "c2VjcmV0LXRva2Vu"}}""")
public record SourceAccess(UUID integrationId, String tenantId, SourceType sourceType, Object connection,
        Map<String, String> credentials) {
}
