package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The data of {@link EventTypes#JOB_FAILED}: the job cannot go on (authentication refused, source gone...). */
public record JobFailed(UUID jobId, UUID integrationId, String reason, OffsetDateTime at) {
}
