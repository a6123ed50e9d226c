package dev.roster.integration.schedule;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.roster.integration.domain.Integration.ScheduleKind;

/**
 * When an integration syncs by itself: every {@code interval} after the last sync (24 hours unless
 * chosen), or at the times a Quartz cron expression names (in UTC). A paused schedule starts nothing;
 * manual syncs still work.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Schedule", example = """
        {"kind": "INTERVAL", "interval": "PT24H", "paused": false, "nextRunAt": "2026-11-23T08:00:00Z"}""")
public record ScheduleSettings(
        @Schema(description = "INTERVAL: every interval after the last sync; CRON: at the times of the expression") @NotNull ScheduleKind kind,
        @Schema(description = "ISO-8601 duration between syncs, 15 minutes to 31 days", example = "PT24H") Duration interval,
        @Schema(description = "Quartz cron expression, evaluated in UTC", example = "0 0 3 * * ?") @Size(max = 200) String cron,
        @Schema(description = "A paused schedule starts no sync") boolean paused,
        @Schema(description = "When the next scheduled sync is due; absent while paused", readOnly = true) OffsetDateTime nextRunAt) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(24);

    public static ScheduleSettings defaults() {
        return new ScheduleSettings(ScheduleKind.INTERVAL, DEFAULT_INTERVAL, null, false, null);
    }
}
