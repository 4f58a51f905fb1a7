package org.dogpile.engine;

/** What a caller does when no value exists and the regeneration lock was not had in time. */
public enum LockTimeoutFallback {
    /**
     * Run the loader anyway and return its result without caching it (the choice of nginx
     * {@code proxy_cache_lock_timeout} and Quarkus): the caller gets an answer, the cache stays as it is.
     */
    CALL_WITHOUT_CACHING,
    /** Throw a {@link LockTimeoutException} naming the cache, the key and the timeout. */
    THROW
}
