package org.dogpile.engine.stats;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.dogpile.engine.DogpileListener;

/**
 * A {@link DogpileListener} that counts everything the engine reports, per cache, in striped
 * counters ({@link LongAdder}): recording costs a map lookup and an uncontended add on the
 * caller's thread. {@link #snapshot(String)} reads a cache's numbers as an immutable
 * {@link DogpileStats}.
 *
 * <pre>{@code
 * StatsRecorder stats = new StatsRecorder();
 * DogpileEngine engine = DogpileEngine.builder(store).listener(stats).build();
 * ...
 * DogpileStats prices = stats.snapshot("prices");
 * }</pre>
 *
 * <p>Counters for a cache are created at its first event. At most {@code maxCaches} caches get
 * counters of their own; events of further caches are counted under {@link #OTHER_CACHES}, so a
 * program inventing cache names cannot grow this recorder without bound. Snapshots read the
 * counters one after another while they move, so a snapshot taken under load is not atomic across
 * numbers (as with Caffeine's {@code ConcurrentStatsCounter}); each number is exact once activity
 * stops.
 */
public final class StatsRecorder implements DogpileListener {

    /** The default number of caches with counters of their own. */
    public static final int DEFAULT_MAX_CACHES = 1_000;
    /** The name the events of caches beyond the limit are counted under. */
    public static final String OTHER_CACHES = "(other caches)";

    private static final DogpileCounter[] COUNTERS = DogpileCounter.values();

    /** One cache's counters: an adder per count and total, an atomic high-water mark per maximum. */
    private static final class CacheCounters {
        final LongAdder[] adders = new LongAdder[COUNTERS.length];
        final AtomicLong missWaitMax = new AtomicLong();
        final AtomicLong regenerationMax = new AtomicLong();

        CacheCounters() {
            for (DogpileCounter counter : COUNTERS) {
                if (counter.kind() != DogpileCounter.Kind.NANOS_MAX) {
                    adders[counter.ordinal()] = new LongAdder();
                }
            }
        }

        void increment(DogpileCounter counter) {
            adders[counter.ordinal()].increment();
        }

        void add(DogpileCounter counter, long amount) {
            adders[counter.ordinal()].add(amount);
        }

        long value(DogpileCounter counter) {
            return switch (counter) {
                case MISS_WAIT_MAX_NANOS -> missWaitMax.get();
                case REGENERATION_MAX_NANOS -> regenerationMax.get();
                default -> adders[counter.ordinal()].sum();
            };
        }

        DogpileStats snapshot() {
            long[] values = new long[COUNTERS.length];
            for (DogpileCounter counter : COUNTERS) {
                LongAdder adder = adders[counter.ordinal()];
                values[counter.ordinal()] = adder != null ? adder.sum() : 0;
            }
            values[DogpileCounter.MISS_WAIT_MAX_NANOS.ordinal()] = missWaitMax.get();
            values[DogpileCounter.REGENERATION_MAX_NANOS.ordinal()] = regenerationMax.get();
            return DogpileStats.of(values);
        }

        static void raise(AtomicLong max, long value) {
            if (value > max.get()) {
                max.accumulateAndGet(value, Math::max);
            }
        }
    }

    private final ConcurrentMap<String, CacheCounters> caches = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> cacheObservers = new CopyOnWriteArrayList<>();
    private final int maxCaches;

    /** Creates a recorder for at most {@link #DEFAULT_MAX_CACHES} caches. */
    public StatsRecorder() {
        this(DEFAULT_MAX_CACHES);
    }

    /**
     * Creates a recorder.
     *
     * @param maxCaches how many caches get counters of their own; the rest share {@link #OTHER_CACHES}
     */
    public StatsRecorder(int maxCaches) {
        if (maxCaches < 1) {
            throw new IllegalArgumentException("stats recorder maxCaches must be positive: " + maxCaches);
        }
        this.maxCaches = maxCaches;
    }

    /**
     * A snapshot of one cache's counters.
     *
     * @param cache the cache name
     * @return its numbers, all zero for a cache without events
     */
    public DogpileStats snapshot(String cache) {
        CacheCounters counters = caches.get(Objects.requireNonNull(cache, "cache cannot be null"));
        return counters == null ? DogpileStats.empty() : counters.snapshot();
    }

    /**
     * One number of one cache, without taking a whole snapshot (for exporters polling meters).
     *
     * @param cache the cache name
     * @param counter which number
     * @return its current value, 0 for a cache without events
     */
    public long value(String cache, DogpileCounter counter) {
        CacheCounters counters = caches.get(Objects.requireNonNull(cache, "cache cannot be null"));
        return counters == null ? 0 : counters.value(Objects.requireNonNull(counter, "counter cannot be null"));
    }

    /** @return the sum of every cache's counters */
    public DogpileStats snapshot() {
        DogpileStats sum = DogpileStats.empty();
        for (CacheCounters counters : caches.values()) {
            sum = sum.plus(counters.snapshot());
        }
        return sum;
    }

    /** @return a snapshot per cache that had events, by cache name */
    public Map<String, DogpileStats> snapshots() {
        Map<String, DogpileStats> result = new TreeMap<>();
        caches.forEach((cache, counters) -> result.put(cache, counters.snapshot()));
        return result;
    }

    /** @return the names of the caches that had events so far */
    public Set<String> caches() {
        return Set.copyOf(caches.keySet());
    }

    /**
     * Creates a cache's counters before its first event, so that exporters publish its meters
     * (at zero) from the start. Known caches are left alone.
     *
     * @param cache the cache name
     */
    public void register(String cache) {
        counters(Objects.requireNonNull(cache, "cache cannot be null"));
    }

    /**
     * Tells the observer about every cache that has counters now, then about each new one when its
     * first event arrives (on that event's thread: the observer must be fast and must not block).
     * A cache created while the observer is being added may be reported twice: observers must be
     * idempotent. An observer that throws is ignored for that cache.
     *
     * @param observer receives cache names
     */
    public void addCacheObserver(Consumer<String> observer) {
        Objects.requireNonNull(observer, "observer cannot be null");
        cacheObservers.add(observer);
        for (String cache : caches.keySet()) {
            tell(observer, cache);
        }
    }

    private CacheCounters counters(String cache) {
        CacheCounters counters = cache == null ? null : caches.get(cache);
        return counters != null ? counters : create(cache);
    }

    private CacheCounters create(String cache) {
        String name = cache == null ? "" : cache;
        CacheCounters existing = caches.get(name);
        if (existing != null) {
            return existing;
        }
        if (caches.size() >= maxCaches && !OTHER_CACHES.equals(name)) {
            return counters(OTHER_CACHES);
        }
        CacheCounters created = new CacheCounters();
        existing = caches.putIfAbsent(name, created);
        if (existing != null) {
            return existing;
        }
        for (Consumer<String> observer : cacheObservers) {
            tell(observer, name);
        }
        return created;
    }

    private static void tell(Consumer<String> observer, String cache) {
        try {
            observer.accept(cache);
        } catch (RuntimeException ignored) {
            // a listener never throws into the engine
        }
    }

    @Override
    public void onFreshHit(String cache) {
        counters(cache).increment(DogpileCounter.FRESH_HITS);
    }

    @Override
    public void onStaleHit(String cache) {
        counters(cache).increment(DogpileCounter.STALE_HITS);
    }

    @Override
    public void onLocalHit(String cache) {
        counters(cache).increment(DogpileCounter.LOCAL_HITS);
    }

    @Override
    public void onMissWaited(String cache, long waitNanos) {
        CacheCounters counters = counters(cache);
        long nanos = Math.max(0, waitNanos);
        counters.increment(DogpileCounter.MISSES_WAITED);
        counters.add(DogpileCounter.MISS_WAIT_NANOS, nanos);
        CacheCounters.raise(counters.missWaitMax, nanos);
    }

    @Override
    public void onRegeneration(String cache, long durationNanos, Throwable failure, boolean background) {
        CacheCounters counters = counters(cache);
        long nanos = Math.max(0, durationNanos);
        counters.increment(failure == null ? DogpileCounter.REGENERATIONS : DogpileCounter.REGENERATIONS_FAILED);
        if (background) {
            counters.increment(DogpileCounter.BACKGROUND_REGENERATIONS);
            if (failure != null) {
                counters.increment(DogpileCounter.BACKGROUND_FAILURES);
            }
        }
        counters.add(DogpileCounter.REGENERATION_NANOS, nanos);
        CacheCounters.raise(counters.regenerationMax, nanos);
    }

    @Override
    public void onLockTimeout(String cache, boolean fallbackCall) {
        CacheCounters counters = counters(cache);
        counters.increment(DogpileCounter.LOCK_TIMEOUTS);
        if (fallbackCall) {
            counters.increment(DogpileCounter.LOCK_TIMEOUT_FALLBACK_CALLS);
        }
    }

    @Override
    public void onStaleIfError(String cache) {
        counters(cache).increment(DogpileCounter.STALE_IF_ERROR);
    }

    @Override
    public void onLeaseRenewed(String cache) {
        counters(cache).increment(DogpileCounter.LEASES_RENEWED);
    }

    @Override
    public void onLeaseLost(String cache) {
        counters(cache).increment(DogpileCounter.LEASES_LOST);
    }

    @Override
    public void onWriteRefused(String cache) {
        counters(cache).increment(DogpileCounter.WRITES_REFUSED);
    }

    @Override
    public void onInvalidation(String cache, boolean soft, boolean wholeCache) {
        CacheCounters counters = counters(cache);
        counters.increment(soft ? DogpileCounter.SOFT_INVALIDATIONS : DogpileCounter.HARD_INVALIDATIONS);
        if (wholeCache) {
            counters.increment(DogpileCounter.WHOLE_CACHE_INVALIDATIONS);
        }
    }

    @Override
    public void onStoreFailure(String cache, RuntimeException failure, boolean failedOpen) {
        CacheCounters counters = counters(cache);
        counters.increment(DogpileCounter.STORE_FAILURES);
        if (failedOpen) {
            counters.increment(DogpileCounter.FAIL_OPEN_CALLS);
        }
    }
}
