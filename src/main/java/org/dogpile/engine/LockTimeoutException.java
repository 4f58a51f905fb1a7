package org.dogpile.engine;

/**
 * Thrown when no value exists, another caller holds the regeneration lock, and the lock timeout
 * passed, with {@link LockTimeoutFallback#THROW}.
 */
public class LockTimeoutException extends DogpileException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the cache, the key and the timeout
     */
    public LockTimeoutException(String message) {
        super(message, null);
    }
}
