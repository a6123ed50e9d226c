package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The data of {@link EventTypes#JOB_STARTED} on {@link Topics#SYNC_PROGRESS}: a worker took the job. */
public record JobStarted(UUID jobId, UUID integrationId, String workerId, Integer mappingVersion,
        OffsetDateTime startedAt) {
}
