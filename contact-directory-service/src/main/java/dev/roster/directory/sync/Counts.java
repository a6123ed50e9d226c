package dev.roster.directory.sync;

import dev.roster.commons.events.SyncCounts;

/** What applying a batch or a sweep did; the directory owns these counts of a job. */
final class Counts {

    long created;
    long updated;
    long unchanged;
    long removed;

    SyncCounts toSyncCounts() {
        return new SyncCounts(null, created, updated, unchanged, removed, null, null, null);
    }
}
