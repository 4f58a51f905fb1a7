package org.dogpile.engine;

/**
 * Hears what the engine does, per cache: the raw events behind statistics, metrics and flight
 * recordings. Every method has an empty default, so a listener implements only what it needs.
 *
 * <p>Methods are called on the caller's thread, inside the call being reported (the hit path
 * included): they must be fast, must not block and must not throw. Cache names are the engine's
 * cache names; keys are never passed, so listeners cannot leak argument values.
 */
public interface DogpileListener {

    /** A listener that ignores everything. */
    DogpileListener NONE = new DogpileListener() { };

    /**
     * A caller got a fresh value.
     *
     * @param cache the cache name
     */
    default void onFreshHit(String cache) {
    }

    /**
     * A caller got a stale value because someone else regenerates it (or a background regeneration
     * was started for it).
     *
     * @param cache the cache name
     */
    default void onStaleHit(String cache) {
    }

    /**
     * A caller that had no value waited and got one that another caller computed.
     *
     * @param cache the cache name
     * @param waitNanos how long it waited
     */
    default void onMissWaited(String cache, long waitNanos) {
    }

    /**
     * A regeneration ran the loader under the key's lock.
     *
     * @param cache the cache name
     * @param durationNanos how long the loader ran
     * @param failure the loader's failure, {@code null} when it returned a value
     * @param background whether it ran on the executor
     */
    default void onRegeneration(String cache, long durationNanos, Throwable failure, boolean background) {
    }

    /**
     * A caller with no value did not get the lock within its lock timeout.
     *
     * @param cache the cache name
     * @param fallbackCall {@code true} when it then called the loader without caching, {@code false}
     *     when it threw {@link LockTimeoutException}
     */
    default void onLockTimeout(String cache, boolean fallbackCall) {
    }

    /**
     * A regeneration failed and the stale value was served instead (stale-if-error).
     *
     * @param cache the cache name
     */
    default void onStaleIfError(String cache) {
    }

    /**
     * A running regeneration's lease was renewed.
     *
     * @param cache the cache name
     */
    default void onLeaseRenewed(String cache) {
    }

    /**
     * A running regeneration lost its lease (it ran out before renewal, or was taken over); its
     * result will not be stored.
     *
     * @param cache the cache name
     */
    default void onLeaseLost(String cache) {
    }

    /**
     * A regeneration's result was not stored because the entry changed since the regeneration
     * started (an invalidation, or a newer value from another member).
     *
     * @param cache the cache name
     */
    default void onWriteRefused(String cache) {
    }

    /**
     * An invalidation was applied.
     *
     * @param cache the cache name
     * @param soft {@code true} for a soft invalidation (mark stale), {@code false} for a hard one
     * @param wholeCache {@code true} when every key of the cache was invalidated
     */
    default void onInvalidation(String cache, boolean soft, boolean wholeCache) {
    }

    /**
     * A store operation failed or took longer than its bound.
     *
     * @param cache the cache name
     * @param failure what the store threw (a timeout included)
     * @param failedOpen {@code true} when the caller then got the loader's own result without
     *     caching, {@code false} when the failure was thrown to it
     */
    default void onStoreFailure(String cache, RuntimeException failure, boolean failedOpen) {
    }

    /**
     * A value was served from this JVM's local tier without asking the shared store.
     *
     * @param cache the cache name
     */
    default void onLocalHit(String cache) {
    }
}
