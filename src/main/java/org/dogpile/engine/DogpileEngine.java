package org.dogpile.engine;

import static java.lang.System.Logger.Level.WARNING;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.LockLease;

/**
 * The keyed dogpile engine: returns a cached value, and makes sure that one caller per key in the
 * whole cluster regenerates it when it expires while every other caller keeps the stale value.
 *
 * <pre>{@code
 * DogpileEngine engine = new DogpileEngine(new InMemoryStore());
 * DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofSeconds(30));
 * PriceList prices = engine.get("prices", region, policy, () -> backend.load(region));
 * }</pre>
 *
 * <p>Per key, {@link #get get} does this (time is the store's clock):
 * <ol>
 * <li><b>Fresh</b> entry: return it. One store read, no lock.</li>
 * <li><b>Stale</b> entry: try the key's lock without waiting. Not had: return the stale value.
 *     Had: read again; if still stale, run the loader, store, release, return the new value (or, in
 *     background mode, return the stale value and regenerate on the executor).</li>
 * <li><b>Absent</b>: wait for the lock, at most the lock timeout. Once had, read again; if a value
 *     arrived return it, else load, store, release, return. On timeout apply the
 *     {@link LockTimeoutFallback}.</li>
 * </ol>
 * The loader's exception reaches the caller that ran it unchanged; the stale entry stays. With a
 * stale-if-error window the stale value is returned instead while the window lasts.
 */
public final class DogpileEngine {

    /*
     * Concurrency design.
     *
     * Two levels of single-flight. Inside this JVM, `flights` maps each key being worked on to one
     * CompletableFuture, the "flight": the thread that puts it there (the leader) is the only thread
     * of this JVM that touches the key's store lock; every other thread either returns the stale
     * value at once (stale path: it has something to return) or waits on the flight (absent path)
     * and gets the leader's outcome: the value, the very same exception, or RETRY when the leader
     * ended without an answer for it (lost the lock on a stale key, was interrupted), in which case
     * it starts over and may lead the next flight. Across JVMs, the store's per-key lock decides:
     * a lease with an owner token, taken with tryLock (never blocking inside the store), released
     * owner-checked, and running out by itself so a crashed holder blocks nobody for long.
     *
     * A leader without a value polls: read the entry, try the lock, park with exponential backoff
     * (1 ms to 20 ms), until the deadline on the store's clock. Polling rather than a store-side
     * blocking wait keeps the store SPI to non-blocking operations that every store can offer, and
     * lets a lease be released by a thread other than the one that took it (background
     * regeneration, asynchronous methods). Only one thread per JVM and key polls.
     *
     * Ordering on landing a flight: store the entry, release the lease, remove the flight from
     * `flights`, then complete it. A caller that arrives after the removal reads the store and finds
     * the new entry; a waiter woken by the completion has its answer without another store read.
     * The flight is always completed in a finally block, so no waiter is left behind. Waiters stop
     * at their own deadline too, unless the leader is answering that very timeout (its fallback),
     * so that a lock timeout costs one fallback call per JVM, not one per caller. Deadlines use the store's clock, parking uses real time in short
     * slices, so tests can drive timeouts and leases with a manual clock.
     */

    private static final System.Logger LOG = System.getLogger(DogpileEngine.class.getName());
    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long past its deadline a waiter waits for a leader that is about to answer the same timeout. */
    private static final long LEADER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A flight outcome meaning "no answer for you: start over". */
    private static final Object RETRY = new Object();
    private static final Object TIMED_OUT = new Object();

    private record FlightKey(String cache, String key) { }

    /** One attempt at a key in this JVM; completed with the value, the failure, or {@link #RETRY}. */
    private static final class Flight extends CompletableFuture<Object> {
        /** The leader's deadline on the store clock, {@code Long.MAX_VALUE} on the stale path. */
        final long deadline;
        /** Set once the leader holds the lock and runs the loader. */
        volatile boolean loading;
        /** Set once the leader runs its lock-timeout fallback: the answer to our own timeout is coming. */
        volatile boolean fallingBack;
        /** The leader's lease, outcome and failure; written and read by the thread that lands the flight. */
        LockLease lease;
        Object outcome = RETRY;
        Throwable failure;

        Flight(long deadline) {
            this.deadline = deadline;
        }
    }

    private final DogpileStore store;
    private final Executor executor;
    private final ConcurrentMap<FlightKey, Flight> flights = new ConcurrentHashMap<>();

    /**
     * Creates an engine whose background regenerations run on {@link ForkJoinPool#commonPool()}.
     *
     * @param store where entries and locks live
     */
    public DogpileEngine(DogpileStore store) {
        this(store, ForkJoinPool.commonPool());
    }

    /**
     * Creates an engine.
     *
     * @param store where entries and locks live
     * @param executor runs background regenerations (in Jakarta EE, a managed executor)
     */
    public DogpileEngine(DogpileStore store, Executor executor) {
        this.store = Objects.requireNonNull(store, "store cannot be null");
        this.executor = Objects.requireNonNull(executor, "executor cannot be null");
    }

    /** @return the store this engine uses */
    public DogpileStore store() {
        return store;
    }

    /**
     * Returns the key's value, regenerating it as described in the class documentation.
     *
     * @param cache the cache name
     * @param key the key within the cache
     * @param policy freshness, locking and fallbacks
     * @param loader computes the value
     * @param <V> the value type
     * @return the fresh, stale or newly loaded value
     * @throws Exception the loader's exception, unchanged; {@link LockTimeoutException};
     *     {@link LockWaitInterruptedException}; or the store's failure
     */
    public <V> V get(String cache, String key, DogpilePolicy policy, Loader<? extends V> loader) throws Exception {
        Objects.requireNonNull(cache, "cache cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(policy, "policy cannot be null");
        Objects.requireNonNull(loader, "loader cannot be null");
        CacheEntry entry = store.get(cache, key);
        if (entry != null && entry.isFreshAt(store.currentTimeMillis())) {
            return valueOf(entry);
        }
        FlightKey flightKey = new FlightKey(cache, key);
        return entry == null
            ? getAbsent(flightKey, policy, loader)
            : getStale(flightKey, entry, policy, loader);
    }

    /**
     * Reads the key's entry without loading, locking or touching its age.
     *
     * @param cache the cache name
     * @param key the key
     * @return the entry, fresh or stale, or empty
     */
    public Optional<CacheEntry> peek(String cache, String key) {
        return Optional.ofNullable(store.get(Objects.requireNonNull(cache, "cache cannot be null"),
            Objects.requireNonNull(key, "key cannot be null")));
    }

    /**
     * Hard invalidation: removes the key's entry; the next callers wait for a new value.
     *
     * @param cache the cache name
     * @param key the key
     */
    public void invalidate(String cache, String key) {
        store.remove(Objects.requireNonNull(cache, "cache cannot be null"), Objects.requireNonNull(key, "key cannot be null"));
    }

    /**
     * Soft invalidation: marks the key's entry stale; the next caller regenerates while the others
     * keep getting the old value.
     *
     * @param cache the cache name
     * @param key the key
     * @return {@code true} when there was an entry to mark
     */
    public boolean invalidateSoftly(String cache, String key) {
        return store.markStale(Objects.requireNonNull(cache, "cache cannot be null"), Objects.requireNonNull(key, "key cannot be null"));
    }

    /**
     * Hard invalidation of a whole cache.
     *
     * @param cache the cache name
     */
    public void invalidateAll(String cache) {
        store.removeAll(Objects.requireNonNull(cache, "cache cannot be null"));
    }

    /**
     * Soft invalidation of a whole cache.
     *
     * @param cache the cache name
     */
    public void invalidateAllSoftly(String cache) {
        store.markAllStale(Objects.requireNonNull(cache, "cache cannot be null"));
    }

    private <V> V getStale(FlightKey flightKey, CacheEntry stale, DogpilePolicy policy, Loader<? extends V> loader)
            throws Exception {
        Flight mine = new Flight(Long.MAX_VALUE);
        if (flights.putIfAbsent(flightKey, mine) != null) {
            return valueOf(stale); // another thread of this JVM is on it
        }
        boolean handedOff = false;
        try {
            mine.lease = store.tryLock(flightKey.cache(), flightKey.key(), policy.lease().toMillis());
            if (mine.lease == null) {
                return valueOf(stale); // another member is on it
            }
            CacheEntry current = store.get(flightKey.cache(), flightKey.key());
            if (current != null && current.isFreshAt(store.currentTimeMillis())) {
                mine.outcome = current.value(); // refreshed just before we took the lock
                return valueOf(current);
            }
            CacheEntry previous = current != null ? current : stale;
            if (policy.background() && current != null) {
                handedOff = regenerateInBackground(flightKey, mine, policy, loader);
                if (handedOff) {
                    return valueOf(previous);
                }
            }
            return regenerate(flightKey, mine, previous, policy, loader);
        } finally {
            if (!handedOff) {
                land(flightKey, mine);
            }
        }
    }

    private <V> V getAbsent(FlightKey flightKey, DogpilePolicy policy, Loader<? extends V> loader) throws Exception {
        long deadline = store.currentTimeMillis() + policy.lockTimeout().toMillis();
        while (true) {
            Flight mine = new Flight(deadline);
            Flight running = flights.putIfAbsent(flightKey, mine);
            if (running == null) {
                return lead(flightKey, mine, deadline, policy, loader);
            }
            Object outcome = await(flightKey, running, deadline);
            if (outcome == TIMED_OUT) {
                return onLockTimeout(flightKey, policy, loader);
            }
            if (outcome != RETRY) {
                @SuppressWarnings("unchecked")
                V value = (V) outcome;
                return value;
            }
        }
    }

    /** Leads a flight for a key that had no entry: poll the store and its lock until the deadline. */
    private <V> V lead(FlightKey flightKey, Flight mine, long deadline, DogpilePolicy policy,
            Loader<? extends V> loader) throws Exception {
        try {
            long pauseNanos = MIN_PAUSE_NANOS;
            while (true) {
                mine.lease = store.tryLock(flightKey.cache(), flightKey.key(), policy.lease().toMillis());
                CacheEntry entry = store.get(flightKey.cache(), flightKey.key());
                if (mine.lease != null) {
                    if (entry != null && entry.isFreshAt(store.currentTimeMillis())) {
                        mine.outcome = entry.value(); // arrived just before we took the lock
                        return valueOf(entry);
                    }
                    return regenerate(flightKey, mine, entry, policy, loader);
                }
                if (entry != null) {
                    // a value arrived while we waited; if it is already stale, our waiters start over and get it too
                    mine.outcome = entry.isFreshAt(store.currentTimeMillis()) ? entry.value() : RETRY;
                    return valueOf(entry);
                }
                long remainingMillis = deadline - store.currentTimeMillis();
                if (remainingMillis <= 0) {
                    mine.fallingBack = true;
                    try {
                        V value = onLockTimeout(flightKey, policy, loader);
                        mine.outcome = value; // shared: the callers of this JVM waited for the same answer
                        return value;
                    } catch (Throwable timeoutOutcome) {
                        mine.failure = timeoutOutcome;
                        throw timeoutOutcome;
                    }
                }
                LockSupport.parkNanos(Math.min(pauseNanos, TimeUnit.MILLISECONDS.toNanos(remainingMillis)));
                pauseNanos = Math.min(pauseNanos * 2, MAX_PAUSE_NANOS);
                if (Thread.interrupted()) {
                    throw interrupted(flightKey, new InterruptedException());
                }
            }
        } finally {
            land(flightKey, mine);
        }
    }

    /**
     * Waits for another thread's flight until this caller's deadline. Past the deadline it keeps
     * waiting only for an answer to that same timeout: a leader running its fallback, or a leader
     * still polling with a deadline no later than ours, which is about to (it looks at the clock at
     * least every {@link #MAX_PAUSE_NANOS}; we give it {@link #LEADER_GRACE_NANOS} at most). So a
     * timeout makes one fallback call per JVM, not one per caller.
     */
    private Object await(FlightKey flightKey, Flight flight, long deadline) throws Exception {
        long graceEnd = 0;
        while (true) {
            long sliceMillis = TimeUnit.NANOSECONDS.toMillis(MAX_PAUSE_NANOS);
            try {
                if (flight.isDone()) {
                    return flight.get();
                }
                long remainingMillis = deadline - store.currentTimeMillis();
                if (remainingMillis <= 0 && !flight.fallingBack) {
                    if (flight.loading || flight.deadline > deadline) {
                        return TIMED_OUT; // the leader will not answer our timeout for us
                    }
                    long now = System.nanoTime();
                    if (graceEnd == 0) {
                        graceEnd = now + LEADER_GRACE_NANOS;
                    } else if (now - graceEnd > 0) {
                        return TIMED_OUT;
                    }
                } else if (remainingMillis > 0) {
                    sliceMillis = Math.min(remainingMillis, sliceMillis);
                }
                return flight.get(sliceMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // look at the clock again
            } catch (ExecutionException failed) {
                throw rethrowable(failed.getCause());
            } catch (InterruptedException interruption) {
                throw interrupted(flightKey, interruption);
            }
        }
    }

    private <V> V onLockTimeout(FlightKey flightKey, DogpilePolicy policy, Loader<? extends V> loader) throws Exception {
        if (policy.lockTimeoutFallback() == LockTimeoutFallback.THROW) {
            throw new LockTimeoutException("no value for cache '" + flightKey.cache() + "' key '" + flightKey.key()
                + "' and its regeneration lock was not free within " + policy.lockTimeout());
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "lock timeout on cache '" + flightKey.cache() + "' key '"
            + flightKey.key() + "': calling without caching");
        return loader.load();
    }

    private <V> boolean regenerateInBackground(FlightKey flightKey, Flight mine, DogpilePolicy policy,
            Loader<? extends V> loader) {
        try {
            executor.execute(() -> {
                try {
                    regenerate(flightKey, mine, null, policy, loader);
                } catch (Throwable loaderFailure) {
                    LOG.log(WARNING, () -> "background regeneration of cache '" + flightKey.cache() + "' key '"
                        + flightKey.key() + "' failed; the stale value stays", loaderFailure);
                } finally {
                    land(flightKey, mine);
                }
            });
            return true;
        } catch (RejectedExecutionException rejected) {
            LOG.log(WARNING, () -> "executor rejected the background regeneration of cache '" + flightKey.cache()
                + "' key '" + flightKey.key() + "'; regenerating on the caller's thread", rejected);
            return false;
        }
    }

    /**
     * Runs the loader under the flight's lease and stores the value. On failure, returns the stale
     * entry's value while its stale-if-error window lasts, else rethrows. Either way the flight
     * records the loader's own outcome for the callers waiting on it.
     */
    private <V> V regenerate(FlightKey flightKey, Flight flight, CacheEntry stale, DogpilePolicy policy,
            Loader<? extends V> loader) throws Exception {
        flight.loading = true;
        try {
            V value = loadAndStore(flightKey, policy, loader);
            flight.outcome = value;
            return value;
        } catch (Throwable loaderFailure) {
            flight.failure = loaderFailure;
            if (stale != null && servesStaleOnError(stale, policy)) {
                LOG.log(WARNING, () -> "regeneration of cache '" + flightKey.cache() + "' key '" + flightKey.key()
                    + "' failed; serving the stale value (stale-if-error)", loaderFailure);
                return valueOf(stale);
            }
            throw loaderFailure;
        }
    }

    private <V> V loadAndStore(FlightKey flightKey, DogpilePolicy policy, Loader<? extends V> loader) throws Exception {
        V value = loader.load();
        if (value != null || policy.cacheNull()) {
            CacheEntry entry = new CacheEntry(value, store.currentTimeMillis(), policy.expireAfter().toMillis(), false);
            store.put(flightKey.cache(), flightKey.key(), entry, policy.hardTtlMillis());
        }
        return value;
    }

    private boolean servesStaleOnError(CacheEntry stale, DogpilePolicy policy) {
        return !policy.staleIfError().isZero()
            && store.currentTimeMillis() < stale.expiresAt() + policy.staleIfError().toMillis();
    }

    /** Releases the flight's lease, retires the flight and hands its outcome to the waiters; never throws. */
    private void land(FlightKey flightKey, Flight flight) {
        LockLease lease = flight.lease;
        try {
            if (lease != null && !store.release(lease)) {
                LOG.log(WARNING, () -> "the lock lease on cache '" + flightKey.cache() + "' key '" + flightKey.key()
                    + "' ran out before the regeneration finished (lease " + lease + "); consider a longer lease");
            }
        } catch (RuntimeException releaseFailure) {
            LOG.log(WARNING, () -> "could not release the lock on cache '" + flightKey.cache() + "' key '"
                + flightKey.key() + "'; it frees itself when the lease runs out", releaseFailure);
        } finally {
            flights.remove(flightKey, flight);
            if (flight.failure != null) {
                flight.completeExceptionally(flight.failure);
            } else {
                flight.complete(flight.outcome);
            }
        }
    }

    private static LockWaitInterruptedException interrupted(FlightKey flightKey, InterruptedException interruption) {
        Thread.currentThread().interrupt();
        return new LockWaitInterruptedException("interrupted while waiting for cache '" + flightKey.cache()
            + "' key '" + flightKey.key() + "'", interruption);
    }

    private static Exception rethrowable(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception exception ? exception : new DogpileException("unexpected failure", cause);
    }

    @SuppressWarnings("unchecked")
    private static <V> V valueOf(CacheEntry entry) {
        return (V) entry.value();
    }
}
