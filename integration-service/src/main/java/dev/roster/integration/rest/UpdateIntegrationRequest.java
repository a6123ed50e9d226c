package dev.roster.integration.rest;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.integration.schedule.ScheduleSettings;

/** A partial update: absent fields stay as they are. */
@Schema(name = "UpdateIntegration", description = "Changes what is given; absent fields stay as they are."
        + " Secrets are replaced only by an explicit credentials field.", example = """
                {"name": "Staffbase (EU)", "connection": {"baseUrl": "https://backend.eu.staffbase.com", "pageSize": 200},
                 "schedule": {"kind": "CRON", "cron": "0 0 3 * * ?", "paused": false}}""")
public record UpdateIntegrationRequest(
        @Schema(maxLength = 200, example = "Staffbase (EU)") @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Schema(description = "The whole new connection of the integration's source type") JsonNode connection,
        @Schema(description = "Secrets to replace, by name; the others stay", example = """
                {"apiToken": "bmV3LXRva2Vu"}""") Map<@Size(max = 100) String, @Size(max = 10000) String> credentials,
        @Valid ScheduleSettings schedule) {
}
