package dev.roster.worker.connector;

/** A source refused or failed a request; the message says what failed and never carries a secret. */
public class SourceException extends RuntimeException {

    private final Kind kind;

    public SourceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public enum Kind {
        /** The credentials were refused (401, 403). */
        AUTHENTICATION,
        /** The URL names nothing (404). */
        NOT_FOUND,
        /** Still rate limited after every retry (429). */
        RATE_LIMITED,
        /** The source is down or failing (5xx, timeouts, connection refused) after every retry. */
        UNAVAILABLE,
        /** The answer is not what the source's API documents. */
        BAD_PAYLOAD,
        /** A delta token expired (Graph 410): read everything again. */
        DELTA_EXPIRED
    }
}
