package dev.roster.integration.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.roster.integration.connection.CsvConnection;
import dev.roster.integration.connection.EntraIdConnection;
import dev.roster.integration.connection.SalesforceConnection;
import dev.roster.integration.connection.ScimConnection;
import dev.roster.integration.connection.StaffbaseConnection;
import dev.roster.integration.connection.WorkdayConnection;
import dev.roster.integration.domain.ConnectionCheck;
import dev.roster.integration.domain.JobState;
import dev.roster.integration.domain.SourceType;
import dev.roster.integration.schedule.ScheduleSettings;

@Schema(name = "Integration", description = "A connected source", example = """
        {"id": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44", "name": "Staffbase intranet", "sourceType": "STAFFBASE",
         "connection": {"baseUrl": "https://backend.staffbase.com", "pageSize": 100, "apiVersion": "V1"},
         "secrets": {"set": ["apiToken"], "missing": []},
         "schedule": {"kind": "INTERVAL", "interval": "PT24H", "paused": false, "nextRunAt": "2026-11-23T08:00:00Z"},
         "health": {"consecutiveFailures": 0, "backingOff": false,
                    "connection": {"status": "OK", "fields": 16, "requestedAt": "2026-11-22T08:00:00Z",
                                   "checkedAt": "2026-11-22T08:00:03Z"}},
         "createdBy": "4d1e0c2b-admin", "createdAt": "2026-11-22T08:00:00Z", "updatedAt": "2026-11-22T08:00:00Z"}""")
public record IntegrationResponse(
        UUID id,
        String name,
        SourceType sourceType,
        @Schema(oneOf = {
                StaffbaseConnection.class, EntraIdConnection.class, WorkdayConnection.class,
                SalesforceConnection.class, ScimConnection.class, CsvConnection.class}) Object connection,
        @Schema(description = "Which secrets are set; their values are never returned") Secrets secrets,
        ScheduleSettings schedule,
        Health health,
        @Schema(description = "The subject of the token that created it") String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt){

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "IntegrationHealth", description = "How the integration's syncs have gone")
    public record Health(
            @Schema(description = "The final state of the last job that ended") JobState lastSyncState,
            @Schema(description = "When the last sync started") OffsetDateTime lastSyncAt,
            @Schema(description = "Why the last job failed") String lastError,
            @Schema(description = "Failed jobs since the last success") int consecutiveFailures,
            @Schema(description = "Repeated failures slowed the schedule to once a day, until a sync succeeds") boolean backingOff,
            @Schema(description = "Whether the sync worker could read the source, from its last discovery") Connection connection) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ConnectionCheck", description = "The worker reads the source's first records when the integration is"
            + " created, when its connection or credentials change and when a CSV file is uploaded", example = """
                    {"status": "FAILED", "checkedAt": "2026-11-22T08:00:04Z",
                     "error": "Staffbase GET /api/users was refused (HTTP 401): check the integration's credentials"}""")
    public record Connection(
            @Schema(description = "PENDING until the worker answered; OK when it read the source; FAILED with the reason") ConnectionCheck.Status status,
            @Schema(description = "Why the source could not be read") String error,
            @Schema(description = "How many fields the source's records carry (see the mapping)") Integer fields,
            OffsetDateTime requestedAt,
            OffsetDateTime checkedAt) {
    }

    @Schema(name = "SecretsStatus")
    public record Secrets(
            @Schema(example = "[\"apiToken\"]") List<String> set,
            @Schema(description = "Secrets the source needs that are not set yet", example = "[]") List<String> missing) {
    }
}
