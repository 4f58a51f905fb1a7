package org.dogpile.engine;

/**
 * The store failed or did not answer within its time bound, and the policy says to throw
 * ({@link StoreFailureFallback#THROW}), or an invalidation could not be applied.
 */
public class StoreUnavailableException extends DogpileException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the cache (never a full key)
     * @param cause the store's failure
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
