package org.dogpile.engine;

/**
 * Thrown to a caller interrupted while waiting for a value that does not exist yet. The thread's
 * interrupt status is set again before this is thrown, and the caller holds no lock.
 */
public class LockWaitInterruptedException extends DogpileException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the cache and key
     * @param cause the interruption
     */
    public LockWaitInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
