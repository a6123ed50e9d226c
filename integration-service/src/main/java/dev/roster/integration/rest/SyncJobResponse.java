package dev.roster.integration.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.roster.commons.events.SyncRequested.SyncMode;
import dev.roster.integration.domain.JobState;
import dev.roster.integration.domain.SyncJob;
import dev.roster.integration.domain.SyncJob.Trigger;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SyncJob", description = "One run of an integration", example = """
        {"id": "0b7e6a52-3f4c-4f1a-8d2e-5c6b7a8d9e01", "integrationId": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44",
         "state": "RUNNING", "mode": "FULL", "trigger": "MANUAL", "requestedBy": "4d1e0c2b-admin", "attempt": 1,
         "mappingVersion": 3,
         "counts": {"fetched": 5200, "created": 4100, "updated": 300, "unchanged": 700, "removed": 0,
                    "skippedExcluded": 40, "skippedInactive": 55, "failed": 5},
         "total": 10000, "percent": 52, "createdAt": "2026-11-22T08:00:00Z", "startedAt": "2026-11-22T08:00:01Z"}""")
public record SyncJobResponse(
        UUID id,
        UUID integrationId,
        JobState state,
        @Schema(description = "FULL syncs end with a sweep; INCREMENTAL ones apply the source's changes only") SyncMode mode,
        Trigger trigger,
        @Schema(description = "Who started it by hand; absent for scheduled jobs") String requestedBy,
        @Schema(description = "1, and one more each time the job was handed to another worker") int attempt,
        @Schema(description = "The mapping version the job applies") Integer mappingVersion,
        Counts counts,
        @Schema(description = "How many people the source reports, where it does") Long total,
        @Schema(description = "Percent done, where the source reports a total") Integer percent,
        @Schema(description = "Removals the deletion threshold holds until an admin confirms them") Long heldRemovals,
        @Schema(description = "Why the job failed") String error,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        OffsetDateTime deletionsConfirmedAt,
        String deletionsConfirmedBy) {

    @Schema(name = "SyncCounts")
    public record Counts(long fetched, long created, long updated, long unchanged, long removed,
            @Schema(description = "Dropped by an exclusion rule") long skippedExcluded,
            @Schema(description = "Not active at the source") long skippedInactive,
            @Schema(description = "Per-record errors; see the job's errors") long failed) {
    }

    static SyncJobResponse of(SyncJob job) {
        return new SyncJobResponse(job.id, job.integrationId, job.state, job.mode, job.trigger, job.requestedBy,
                job.attempt, job.mappingVersion,
                new Counts(job.fetched, job.created, job.updated, job.unchanged, job.removed,
                        job.skippedExcluded, job.skippedInactive, job.failed),
                job.total, job.percent(), job.heldRemovals, job.error, job.createdAt, job.startedAt, job.finishedAt,
                job.deletionsConfirmedAt, job.deletionsConfirmedBy);
    }
}
