package org.dogpile.store;

/**
 * A store operation failed or did not answer within the store's time bound. The engine treats it as
 * an outage: the caller gets the method's own result without caching, or this exception, as its
 * policy says.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the operation and cache (never a full key)
     * @param cause the backend's failure, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
