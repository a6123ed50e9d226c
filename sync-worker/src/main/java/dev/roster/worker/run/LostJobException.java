package dev.roster.worker.run;

/** The job is no longer this worker's: handed over to another attempt, or its integration deleted. */
final class LostJobException extends RuntimeException {

    LostJobException(String message) {
        super(message, null, false, false);
    }
}
