package org.dogpile.engine;

import java.time.Duration;
import java.util.Objects;
import org.dogpile.codec.ValueCodec;

/**
 * How one cache behaves: freshness, stale window, locking, fallbacks, value encoding. Immutable;
 * build with {@link #expireAfter(Duration)} and the {@code with…} methods, which validate their
 * arguments:
 *
 * <pre>{@code
 * DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofSeconds(30))
 *     .withLockTimeout(Duration.ofSeconds(5), LockTimeoutFallback.THROW)
 *     .withStaleIfError(Duration.ofMinutes(5));
 * }</pre>
 *
 * Every duration is at most {@link #MAX_DURATION}, so no deadline computed from one can overflow.
 *
 * @param expireAfter how long a value is fresh
 * @param maxStale how long after expiring a value may still be served stale
 * @param lockTimeout how long a caller with no value to return waits for the regeneration lock
 * @param lockTimeoutFallback what that caller does when the wait times out
 * @param lease how long a regeneration lock is held without renewal; a live regeneration renews it
 *     every third of it, so a crashed holder blocks others for at most one lease
 * @param staleIfError how long after expiring a stale value is served instead of a loader failure;
 *     zero turns this off
 * @param background whether, once a value exists, regeneration runs on the engine's executor while
 *     even the caller that won the lock returns the stale value
 * @param cacheNull whether a {@code null} result is cached (as a marker) or loaded again next time
 * @param storeFailureFallback what a caller does when the store fails or is too slow
 * @param codec encodes values for stores outside this JVM's heap; {@code null} for the engine's
 *     default codec
 * @param localTtl how long a fresh value read from a shared store may be served from this JVM's local
 *     tier without asking the store again (invalidation events usually drop it within milliseconds;
 *     this bounds staleness when an event is late or lost); zero turns the local tier off
 * @param earlyRefresh the XFetch factor (beta): with a positive value, a caller may regenerate a fresh
 *     value shortly before it expires, with a probability that rises as expiry nears, scaled by how
 *     long the last computation took; zero turns early refresh off
 */
public record DogpilePolicy(
    Duration expireAfter,
    Duration maxStale,
    Duration lockTimeout,
    LockTimeoutFallback lockTimeoutFallback,
    Duration lease,
    Duration staleIfError,
    boolean background,
    boolean cacheNull,
    StoreFailureFallback storeFailureFallback,
    ValueCodec codec,
    Duration localTtl,
    double earlyRefresh) {

    /** Default lock timeout: 10 seconds. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** Default lease: 5 seconds, renewed every third of it while the regeneration runs. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(5);
    /** Default local-tier TTL: 1 second, the longest a member serves a value invalidated elsewhere. */
    public static final Duration DEFAULT_LOCAL_TTL = Duration.ofSeconds(1);
    /** The longest duration a policy accepts: 365 days. */
    public static final Duration MAX_DURATION = Duration.ofDays(365);
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
        Objects.requireNonNull(storeFailureFallback, "storeFailureFallback cannot be null");
        requireNotNegative("localTtl", localTtl);
        if (!(earlyRefresh >= 0) || earlyRefresh > 100) {
            throw new IllegalArgumentException("earlyRefresh must be between 0 and 100: " + earlyRefresh);
        }
    }

    /**
     * A policy with the defaults: stale values served for up to another {@code expireAfter}, lock
     * timeout {@link #DEFAULT_LOCK_TIMEOUT} then call without caching, lease {@link #DEFAULT_LEASE},
     * no stale-if-error, foreground regeneration, {@code null} cached, fail open on store failures,
     * the engine's default codec.
     *
     * @param expireAfter how long a value is fresh; positive
     * @return the policy
     */
    public static DogpilePolicy expireAfter(Duration expireAfter) {
        requirePositive("expireAfter", expireAfter);
        return new DogpilePolicy(expireAfter, expireAfter, DEFAULT_LOCK_TIMEOUT,
            LockTimeoutFallback.CALL_WITHOUT_CACHING, DEFAULT_LEASE, Duration.ZERO, false, true,
            StoreFailureFallback.CALL_WITHOUT_CACHING, null, DEFAULT_LOCAL_TTL, 0);
    }

    /**
     * @param maxStale how long after expiring a value may be served stale; zero or more
     * @return a copy with that window
     */
    public DogpilePolicy withMaxStale(Duration maxStale) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull, storeFailureFallback, codec, localTtl, earlyRefresh);
    }

    /**
     * @param lockTimeout how long a caller with nothing to return waits; positive
     * @param fallback what it does then
     * @return a copy with that timeout and fallback
     */
    public DogpilePolicy withLockTimeout(Duration lockTimeout, LockTimeoutFallback fallback) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, fallback, lease, staleIfError,
            background, cacheNull, storeFailureFallback, codec, localTtl, earlyRefresh);
    }

    /**
     * @param lease how long a regeneration lock is held without renewal; positive
     * @return a copy with that lease
     */
    public DogpilePolicy withLease(Duration lease) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull, storeFailureFallback, codec, localTtl, earlyRefresh);
    }

    /**
     * @param staleIfError how long after expiry a stale value replaces a loader failure; zero is off
     * @return a copy with that window
     */
    public DogpilePolicy withStaleIfError(Duration staleIfError) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull, storeFailureFallback, codec, localTtl, earlyRefresh);
    }

    /**
     * @param background whether to regenerate on the executor once a value exists
     * @return a copy with that mode
     */
    public DogpilePolicy withBackground(boolean background) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull, storeFailureFallback, codec, localTtl, earlyRefresh);
    }

    /**
     * @param cacheNull whether to cache {@code null} results
     * @return a copy with that choice
     */
    public DogpilePolicy withCacheNull(boolean cacheNull) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull, storeFailureFallback, codec, localTtl, earlyRefresh);
    }

    /**
     * @param fallback what a caller does when the store fails or is too slow
     * @return a copy with that fallback
     */
    public DogpilePolicy withStoreFailure(StoreFailureFallback fallback) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull, fallback, codec, localTtl, earlyRefresh);
    }

    /**
     * @param codec encodes values for stores outside this JVM's heap; {@code null} for the engine's default
     * @return a copy with that codec
     */
    public DogpilePolicy withCodec(ValueCodec codec) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull, storeFailureFallback, codec, localTtl, earlyRefresh);
    }

    /**
     * @param localTtl how long a fresh value may be served from this JVM's local tier; zero is off
     * @return a copy with that local-tier TTL
     */
    public DogpilePolicy withLocalTtl(Duration localTtl) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull, storeFailureFallback, codec, localTtl, earlyRefresh);
    }

    /**
     * @param beta the XFetch factor; 1 is the paper's choice, larger refreshes earlier; 0 is off
     * @return a copy with early refresh
     */
    public DogpilePolicy withEarlyRefresh(double beta) {
        return new DogpilePolicy(expireAfter, maxStale, lockTimeout, lockTimeoutFallback, lease,
            staleIfError, background, cacheNull, storeFailureFallback, codec, localTtl, beta);
    }

    /**
     * How long an entry may be served at all after its creation: {@code expireAfter} plus the longer
     * of {@code maxStale} and {@code staleIfError} (so stale-if-error is never cut short), plus one
     * second for stores that round TTLs down.
     *
     * @return the hard TTL in milliseconds
     */
    public long hardTtlMillis() {
        Duration stale = maxStale.compareTo(staleIfError) >= 0 ? maxStale : staleIfError;
        return expireAfter.plus(stale).plus(TTL_ROUNDING_MARGIN).toMillis();
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, () -> name + " cannot be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        requireNotNegative(name, value);
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, () -> name + " cannot be null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " cannot be negative: " + value);
        }
        if (value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " cannot be longer than " + MAX_DURATION + ": " + value);
        }
    }
}
