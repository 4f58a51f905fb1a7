package org.dogpile.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How one cache behaves: freshness, stale window, locking, fallbacks. Immutable; build with
 * {@link #expireAfter(Duration)} and the {@code with…} methods, which validate their arguments:
 *
 * <pre>{@code
 * DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofSeconds(30))
 *     .withLockTimeout(Duration.ofSeconds(5), LockTimeoutFallback.THROW)
 *     .withStaleIfError(Duration.ofMinutes(5));
 * }</pre>
 *
 * @param expireAfter how long a value is fresh
 * @param maxStale how long after expiring a value may still be served stale; the store drops the
 *     entry at {@code expireAfter + maxStale + 1 s} (the second covers stores that round TTLs down)
 * @param lockTimeout how long a caller with no value to return waits for the regeneration lock
 * @param lockTimeoutFallback what that caller does when the wait times out
 * @param lease how long a regeneration lock is held at most; a crashed holder blocks others no longer
 * @param staleIfError how long after expiring a stale value is served instead of a loader failure;
 *     zero turns this off
 * @param background whether, once a value exists, regeneration runs on the engine's executor while
 *     even the caller that won the lock returns the stale value
 * @param cacheNull whether a {@code null} result is cached (as a marker) or loaded again next time
 */
public record DogpilePolicy(
    Duration expireAfter,
    Duration maxStale,
    Duration lockTimeout,
    LockTimeoutFallback lockTimeoutFallback,
    Duration lease,
    Duration staleIfError,
    boolean background,
    boolean cacheNull) {

    /** Default lock timeout: 10 seconds. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** Default lease: 60 seconds. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    /** Store TTLs may be rounded down to whole seconds; the hard TTL adds this much on top. */
    static final Duration TTL_ROUNDING_MARGIN = Duration.ofSeconds(1);

    /** Validates every component; messages name the component and the value. */
    public DogpilePolicy {
        requirePositive("expireAfter", expireAfter);
        requireNotNegative("maxStale", maxStale);
        requirePositive("lockTimeout", lockTimeout);
        Objects.requireNonNull(lockTimeoutFallback, "lockTimeoutFallback cannot be null");
        requirePositive("lease", lease);
        requireNotNegative("staleIfError", staleIfError);
    }

    /**
     * A policy with the defaults: stale values served for up to another {@code expireAfter}, lock
     * timeout {@link #DEFAULT_LOCK_TIMEOUT} then call without caching, lease {@link #DEFAULT_LEASE},
     * no stale-if-error, foreground regeneration, {@code null} cached.
     *
     * @param expireAfter how long a value is fresh; positive
     * @return the policy
     */
    public static DogpilePolicy expireAfter(Duration expireAfter) {
        requirePositive("expireAfter", expireAfter);
        return new DogpilePolicy(expireAfter, expireAfter, DEFAULT_LOCK_TIMEOUT,
            LockTimeoutFallback.CALL_WITHOUT_CACHING, DEFAULT_LEASE, Duration.ZERO, false, true);
    }

    /**
     * @param maxStale how long after expiring a value may be served stale; zero or more
     * @return a copy with that window
     */
    public DogpilePolicy withMaxStale(Duration maxStale) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull);
    }

    /**
     * @param lockTimeout how long a caller with nothing to return waits; positive
     * @param fallback what it does then
     * @return a copy with that timeout and fallback
     */
    public DogpilePolicy withLockTimeout(Duration lockTimeout, LockTimeoutFallback fallback) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, fallback, lease, staleIfError,
            background, cacheNull);
    }

    /**
     * @param lease how long a regeneration lock is held at most; positive
     * @return a copy with that lease
     */
    public DogpilePolicy withLease(Duration lease) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull);
    }

    /**
     * @param staleIfError how long after expiry a stale value replaces a loader failure; zero is off
     * @return a copy with that window
     */
    public DogpilePolicy withStaleIfError(Duration staleIfError) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull);
    }

    /**
     * @param background whether to regenerate on the executor once a value exists
     * @return a copy with that mode
     */
    public DogpilePolicy withBackground(boolean background) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull);
    }

    /**
     * @param cacheNull whether to cache {@code null} results
     * @return a copy with that choice
     */
    public DogpilePolicy withCacheNull(boolean cacheNull) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull);
    }

    /** @return how long the store keeps an entry: expireAfter + maxStale + 1 s, in milliseconds */
    public long hardTtlMillis() {
        return expireAfter.plus(maxStale).plus(TTL_ROUNDING_MARGIN).toMillis();
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, () -> name + " cannot be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, () -> name + " cannot be null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " cannot be negative: " + value);
        }
    }
}
