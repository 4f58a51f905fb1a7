package org.dogpile.engine.stats;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * An immutable snapshot of one cache's counters (or of a sum of caches or members), like
 * Caffeine's {@code CacheStats}. Counts and total durations only grow; {@link #minus} gives the
 * activity between two snapshots and {@link #plus} sums snapshots of several caches or cluster
 * members. Maximum durations are high-water marks: {@code plus} keeps the larger, {@code minus}
 * keeps this snapshot's (a maximum cannot be subtracted).
 *
 * <p>Derived numbers follow the cache conventions of Caffeine and Micrometer:
 * {@link #hitCount()} = fresh + stale + local hits; {@link #missCount()} = callers that got no
 * cached value: waited misses + lock timeouts + regenerations run on a caller's thread.
 */
public final class DogpileStats {

    private static final DogpileCounter[] COUNTERS = DogpileCounter.values();
    private static final DogpileStats EMPTY = new DogpileStats(new long[COUNTERS.length]);

    private final long[] values;

    private DogpileStats(long[] values) {
        this.values = values;
    }

    /** @return a snapshot with every number zero */
    public static DogpileStats empty() {
        return EMPTY;
    }

    /**
     * Creates a snapshot from numbers in {@link DogpileCounter} order.
     *
     * @param values one number per {@link DogpileCounter}, none negative
     * @return the snapshot
     * @throws IllegalArgumentException if the count or a value is wrong
     */
    public static DogpileStats of(long... values) {
        Objects.requireNonNull(values, "values cannot be null");
        if (values.length != COUNTERS.length) {
            throw new IllegalArgumentException("dogpile stats need " + COUNTERS.length + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException(COUNTERS[i] + " cannot be negative: " + values[i]);
            }
        }
        return new DogpileStats(values.clone());
    }

    /**
     * @param counter which number
     * @return its value (nanoseconds for the duration counters)
     */
    public long get(DogpileCounter counter) {
        return values[counter.ordinal()];
    }

    /** @return callers that got a fresh value */
    public long freshHits() {
        return get(DogpileCounter.FRESH_HITS);
    }

    /** @return callers that got a stale value while someone else regenerated it */
    public long staleHits() {
        return get(DogpileCounter.STALE_HITS);
    }

    /** @return callers served from this JVM's local tier */
    public long localHits() {
        return get(DogpileCounter.LOCAL_HITS);
    }

    /** @return callers without a value that waited for another caller's regeneration */
    public long missesWaited() {
        return get(DogpileCounter.MISSES_WAITED);
    }

    /** @return the total time callers without a value waited */
    public Duration totalMissWait() {
        return Duration.ofNanos(get(DogpileCounter.MISS_WAIT_NANOS));
    }

    /** @return the longest time one caller without a value waited */
    public Duration maxMissWait() {
        return Duration.ofNanos(get(DogpileCounter.MISS_WAIT_MAX_NANOS));
    }

    /** @return regenerations whose method returned a value */
    public long regenerations() {
        return get(DogpileCounter.REGENERATIONS);
    }

    /** @return regenerations whose method threw */
    public long failedRegenerations() {
        return get(DogpileCounter.REGENERATIONS_FAILED);
    }

    /** @return regenerations that ran on the executor, succeeded or failed */
    public long backgroundRegenerations() {
        return get(DogpileCounter.BACKGROUND_REGENERATIONS);
    }

    /** @return background regenerations whose method threw */
    public long backgroundFailures() {
        return get(DogpileCounter.BACKGROUND_FAILURES);
    }

    /** @return the total time the method ran in regenerations, succeeded or failed */
    public Duration totalRegenerationTime() {
        return Duration.ofNanos(get(DogpileCounter.REGENERATION_NANOS));
    }

    /** @return the longest time the method ran in one regeneration */
    public Duration maxRegenerationTime() {
        return Duration.ofNanos(get(DogpileCounter.REGENERATION_MAX_NANOS));
    }

    /** @return callers without a value that did not get the lock within the lock timeout */
    public long lockTimeouts() {
        return get(DogpileCounter.LOCK_TIMEOUTS);
    }

    /** @return lock timeouts answered by calling the method without caching */
    public long lockTimeoutFallbackCalls() {
        return get(DogpileCounter.LOCK_TIMEOUT_FALLBACK_CALLS);
    }

    /** @return failed regenerations answered with the stale value */
    public long staleIfErrorServes() {
        return get(DogpileCounter.STALE_IF_ERROR);
    }

    /** @return lease renewals of running regenerations */
    public long leasesRenewed() {
        return get(DogpileCounter.LEASES_RENEWED);
    }

    /** @return running regenerations that lost their lease */
    public long leasesLost() {
        return get(DogpileCounter.LEASES_LOST);
    }

    /** @return regeneration results not stored because the entry changed meanwhile */
    public long writesRefused() {
        return get(DogpileCounter.WRITES_REFUSED);
    }

    /** @return hard invalidations, of one key or a whole cache */
    public long hardInvalidations() {
        return get(DogpileCounter.HARD_INVALIDATIONS);
    }

    /** @return soft invalidations, of one key or a whole cache */
    public long softInvalidations() {
        return get(DogpileCounter.SOFT_INVALIDATIONS);
    }

    /** @return invalidations of a whole cache, hard or soft */
    public long wholeCacheInvalidations() {
        return get(DogpileCounter.WHOLE_CACHE_INVALIDATIONS);
    }

    /** @return store operations that failed or took longer than their bound */
    public long storeFailures() {
        return get(DogpileCounter.STORE_FAILURES);
    }

    /** @return store failures answered with the method's own result without caching */
    public long failOpenCalls() {
        return get(DogpileCounter.FAIL_OPEN_CALLS);
    }

    /** @return callers that got a cached value: fresh + stale + local hits */
    public long hitCount() {
        return saturatedAdd(saturatedAdd(freshHits(), staleHits()), localHits());
    }

    /**
     * @return callers that got no cached value: waited misses + lock timeouts + regenerations run
     *     on a caller's thread (succeeded or failed)
     */
    public long missCount() {
        long foreground = Math.max(0, regenerations() + failedRegenerations() - backgroundRegenerations());
        return saturatedAdd(saturatedAdd(missesWaited(), lockTimeouts()), foreground);
    }

    /** @return hit count + miss count */
    public long requestCount() {
        return saturatedAdd(hitCount(), missCount());
    }

    /** @return hit count ÷ request count, {@code 1.0} when there was no request */
    public double hitRate() {
        long requests = requestCount();
        return requests == 0 ? 1.0 : (double) hitCount() / requests;
    }

    /** @return regenerations that stored or tried to store a value, succeeded or failed */
    public long regenerationAttempts() {
        return saturatedAdd(regenerations(), failedRegenerations());
    }

    /**
     * The activity between an earlier snapshot and this one. Counts and totals are subtracted
     * (never below zero); maxima are this snapshot's.
     *
     * @param other the earlier snapshot
     * @return the difference
     */
    public DogpileStats minus(DogpileStats other) {
        Objects.requireNonNull(other, "other cannot be null");
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = COUNTERS[i].kind() == DogpileCounter.Kind.NANOS_MAX
                ? values[i]
                : Math.max(0, values[i] - other.values[i]);
        }
        return new DogpileStats(result);
    }

    /**
     * The sum of two snapshots (caches or members). Counts and totals add up (saturating at
     * {@code Long.MAX_VALUE}); maxima take the larger.
     *
     * @param other the other snapshot
     * @return the sum
     */
    public DogpileStats plus(DogpileStats other) {
        Objects.requireNonNull(other, "other cannot be null");
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = COUNTERS[i].kind() == DogpileCounter.Kind.NANOS_MAX
                ? Math.max(values[i], other.values[i])
                : saturatedAdd(values[i], other.values[i]);
        }
        return new DogpileStats(result);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DogpileStats other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** @return every non-zero number by its metric name, e.g. {@code DogpileStats{fresh.hits=3, stale.hits=1}} */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "DogpileStats{", "}");
        for (DogpileCounter counter : COUNTERS) {
            long value = values[counter.ordinal()];
            if (value != 0) {
                joiner.add(counter.metricName() + "=" + value);
            }
        }
        return joiner.toString();
    }
}
