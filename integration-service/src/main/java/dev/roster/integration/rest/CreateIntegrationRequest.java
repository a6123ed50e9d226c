package dev.roster.integration.rest;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.integration.connection.CsvConnection;
import dev.roster.integration.connection.EntraIdConnection;
import dev.roster.integration.connection.SalesforceConnection;
import dev.roster.integration.connection.ScimConnection;
import dev.roster.integration.connection.StaffbaseConnection;
import dev.roster.integration.connection.WorkdayConnection;
import dev.roster.integration.domain.SourceType;
import dev.roster.integration.schedule.ScheduleSettings;

@Schema(name = "CreateIntegration", description = "Connects a source", example = """
        {"name": "Staffbase intranet", "sourceType": "STAFFBASE",
         "connection": {"baseUrl": "https://backend.staffbase.com", "pageSize": 100},
         "credentials": {"apiToken": "c2VjcmV0LXRva2Vu"},
         "schedule": {"kind": "INTERVAL", "interval": "PT24H", "paused": false}}""")
public record CreateIntegrationRequest(
        @Schema(description = "What admins call this source", example = "Staffbase intranet", maxLength = 200) @NotBlank @Size(max = 200) String name,
        @Schema(description = "The kind of source", example = "STAFFBASE") @NotNull SourceType sourceType,
        @Schema(description = "How to reach the source; its fields depend on sourceType", oneOf = {
                StaffbaseConnection.class,
                EntraIdConnection.class, WorkdayConnection.class, SalesforceConnection.class, ScimConnection.class,
                CsvConnection.class}) JsonNode connection,
        @Schema(description = "Write-only secrets by name (apiToken, clientSecret, bearerToken, username, password,"
                + " clientId, refreshToken, as the source type needs); encrypted at rest, never returned", example = """
                        {"apiToken": "c2VjcmV0LXRva2Vu"}""") Map<@Size(max = 100) String, @Size(max = 10000) String> credentials,
        @Schema(description = "By default every 24 hours from the last sync") @Valid ScheduleSettings schedule){
}
