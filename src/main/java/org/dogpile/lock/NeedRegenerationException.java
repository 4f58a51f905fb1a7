package org.dogpile.lock;

/**
 * Thrown by a value getter passed to {@link DogpileLock#acquire(DogpileLock.Creator, DogpileLock.Getter)}
 * to say that no value is available and the creator must run.
 *
 * <p>The exception carries no stack trace: it is control flow, thrown on every cache miss.
 */
public class NeedRegenerationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public NeedRegenerationException() {
        super(null, null, false, false);
    }

    /**
     * Creates the exception with a message, for logs.
     *
     * @param message what was missing
     */
    public NeedRegenerationException(String message) {
        super(message, null, false, false);
    }
}
