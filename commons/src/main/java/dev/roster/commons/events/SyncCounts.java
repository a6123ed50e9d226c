package dev.roster.commons.events;

/**
 * Running totals of a job, each reported by the part that knows it: the worker counts what it fetched and
 * skipped, the directory what it created, updated, left unchanged and removed. Totals only grow; a field a
 * reporter does not own is null.
 */
public record SyncCounts(
        Long fetched,
        Long created,
        Long updated,
        Long unchanged,
        Long removed,
        Long skippedExcluded,
        Long skippedInactive,
        Long failed) {

    public static SyncCounts none() {
        return new SyncCounts(null, null, null, null, null, null, null, null);
    }
}
