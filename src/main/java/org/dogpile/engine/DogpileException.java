package org.dogpile.engine;

/**
 * The engine's own failures (never the loader's: those reach the caller unchanged).
 * Messages name the cache and key involved.
 */
public class DogpileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming cache and key
     * @param cause the underlying failure, or {@code null}
     */
    public DogpileException(String message, Throwable cause) {
        super(message, cause);
    }
}
