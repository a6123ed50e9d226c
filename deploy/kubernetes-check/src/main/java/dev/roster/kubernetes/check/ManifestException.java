package dev.roster.kubernetes.check;

/** A manifest that cannot be rendered or read: the message names the file or object and what is wrong. */
public class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
