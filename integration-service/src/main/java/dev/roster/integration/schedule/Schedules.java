package dev.roster.integration.schedule;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import dev.roster.commons.problem.ProblemException;
import dev.roster.integration.config.SyncConfig;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.domain.Integration.ScheduleKind;

/** Validates schedules, applies them to integrations and says when each is next due. */
@ApplicationScoped
public class Schedules {

    static final Duration MIN_INTERVAL = Duration.ofMinutes(15);
    static final Duration MAX_INTERVAL = Duration.ofDays(31);
    static final Duration BACKOFF = Duration.ofDays(1);

    @Inject
    SyncConfig sync;

    private final CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    /** Checks the schedule and writes it onto the integration, with its next due time. */
    public void apply(Integration integration, ScheduleSettings schedule, OffsetDateTime now) {
        if (schedule.kind() == ScheduleKind.INTERVAL) {
            Duration interval = schedule.interval() == null ? ScheduleSettings.DEFAULT_INTERVAL : schedule.interval();
            if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
                throw ProblemException.invalidField("schedule.interval", "must be between PT15M and P31D");
            }
            if (schedule.cron() != null) {
                throw ProblemException.invalidField("schedule.cron", "must be absent when kind is INTERVAL");
            }
            integration.scheduleIntervalSeconds = interval.toSeconds();
            integration.scheduleCron = null;
        } else {
            if (schedule.cron() == null || schedule.cron().isBlank()) {
                throw ProblemException.invalidField("schedule.cron", "is required when kind is CRON");
            }
            if (schedule.interval() != null) {
                throw ProblemException.invalidField("schedule.interval", "must be absent when kind is CRON");
            }
            parse(schedule.cron());
            integration.scheduleCron = schedule.cron().strip();
            integration.scheduleIntervalSeconds = null;
        }
        integration.scheduleKind = schedule.kind();
        integration.schedulePaused = schedule.paused();
        integration.nextRunAt = nextRun(integration, now).orElse(null);
    }

    /**
     * When the integration is next due: never while paused; no sooner than a day after the last attempt
     * while it is backing off after repeated failures.
     */
    public Optional<OffsetDateTime> nextRun(Integration integration, OffsetDateTime now) {
        if (integration.schedulePaused) {
            return Optional.empty();
        }
        OffsetDateTime from = integration.lastSyncAt != null ? integration.lastSyncAt : now;
        if (isBackingOff(integration)) {
            return Optional.of(from.plus(BACKOFF));
        }
        if (integration.scheduleKind == ScheduleKind.INTERVAL) {
            return Optional.of(from.plusSeconds(integration.scheduleIntervalSeconds));
        }
        OffsetDateTime after = from.isAfter(now) ? from : now;
        return ExecutionTime.forCron(parse(integration.scheduleCron))
                .nextExecution(after.atZoneSameInstant(ZoneOffset.UTC))
                .map(ZonedDateTime::toOffsetDateTime);
    }

    /** Whether repeated failures have slowed the schedule to one attempt a day. */
    public boolean isBackingOff(Integration integration) {
        return integration.consecutiveFailures >= sync.backoffAfterFailures();
    }

    public ScheduleSettings describe(Integration integration) {
        Duration interval = integration.scheduleIntervalSeconds == null
                ? null
                : Duration.ofSeconds(integration.scheduleIntervalSeconds);
        return new ScheduleSettings(integration.scheduleKind, interval, integration.scheduleCron,
                integration.schedulePaused, integration.nextRunAt);
    }

    private Cron parse(String expression) {
        try {
            return parser.parse(expression.strip()).validate();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("schedule.cron", "is not a valid Quartz cron expression: "
                    + e.getMessage());
        }
    }
}
