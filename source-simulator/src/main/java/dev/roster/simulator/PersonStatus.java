package dev.roster.simulator;

/** A simulated person's state in the source, in Staffbase's words. */
public enum PersonStatus {

    /** Registered, active. */
    ACTIVATED,
    /** Invited, not yet registered: still to be imported. */
    PENDING,
    /** Inactive (left, disabled): to be skipped by a sync. */
    DEACTIVATED;

    /** The Staffbase wire value. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a sync should import this person (activated or pending). */
    public boolean importable() {
        return this != DEACTIVATED;
    }
}
