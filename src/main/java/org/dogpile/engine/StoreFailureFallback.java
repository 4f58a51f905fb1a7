package org.dogpile.engine;

/**
 * What a caller does when the store fails or does not answer within its time bound: a cache outage
 * must never take the application down with it.
 */
public enum StoreFailureFallback {
    /**
     * Run the loader and return its result without caching it (fail open, as Spring's default
     * {@code CacheErrorHandler} choice of logging and calling the method). A loader that already ran
     * is never run again because storing its result failed.
     */
    CALL_WITHOUT_CACHING,
    /** Throw a {@link StoreUnavailableException} naming the cache and the failed operation. */
    THROW
}
