package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.roster.commons.events.SyncRequested.SyncMode;

/**
 * The data of {@link EventTypes#SYNC_ENDED} on {@link Topics#CONTACT_COMMANDS}, after the last
 * {@link ContactUpsertBatch} of a job: the worker has read the whole source. {@code batches} says how many
 * batches the job sent, so the directory knows when it has applied them all. With {@code sweep} (a full
 * read) the directory then removes this integration's link from every contact the job did not supply.
 *
 * @param mode what the worker actually read: an incremental request becomes a full read when the source's
 *            delta token expired
 * @param counts what the worker counted (fetched, skipped, failed)
 */
public record SyncEnded(
        UUID jobId,
        UUID integrationId,
        SyncMode mode,
        boolean sweep,
        long batches,
        SyncCounts counts,
        OffsetDateTime at) {
}
