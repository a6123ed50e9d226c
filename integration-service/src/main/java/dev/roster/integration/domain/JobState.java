package dev.roster.integration.domain;

/** Where a sync job stands. A job ends once, in one of the final states. */
public enum JobState {

    QUEUED, RUNNING, SUCCEEDED, SUCCEEDED_WITH_ERRORS, FAILED,
    /** The sweep would remove more than the deletion threshold and waits for an admin's confirmation. */
    AWAITING_CONFIRMATION;

    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }
}
