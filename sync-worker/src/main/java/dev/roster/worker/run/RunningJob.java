package dev.roster.worker.run;

import dev.roster.worker.run.RunClaim.Counts;

/**
 * A job while this worker runs it, shared between the thread that reads the source and the reporter that
 * tells its progress every second: the counts after the last page, the source's total, and whether the job
 * is still this worker's.
 */
public final class RunningJob {

    private final RunClaim claim;
    private volatile Counts counts;
    private volatile Long total;
    private volatile boolean lost;

    RunningJob(RunClaim claim) {
        this.claim = claim;
        this.counts = claim.counts();
        this.total = claim.total();
    }

    public RunClaim claim() {
        return claim;
    }

    public Counts counts() {
        return counts;
    }

    public Long total() {
        return total;
    }

    void progressed(Counts counts, Long total) {
        this.counts = counts;
        if (total != null) {
            this.total = total;
        }
    }

    /** Another worker has the job now (a handover), or it was cancelled: stop without a word. */
    void lost() {
        this.lost = true;
    }

    public boolean isLost() {
        return lost;
    }
}
