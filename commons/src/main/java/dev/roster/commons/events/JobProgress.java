package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@link EventTypes#JOB_PROGRESS}: running totals, and the source's total where it tells one
 * (then the job shows a percentage).
 */
public record JobProgress(UUID jobId, UUID integrationId, SyncCounts counts, Long total, OffsetDateTime at) {
}
