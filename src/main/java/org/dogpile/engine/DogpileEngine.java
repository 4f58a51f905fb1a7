package org.dogpile.engine;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.codec.JavaSerializationCodec;
import org.dogpile.codec.ValueCodec;
import org.dogpile.codec.ValueDecodingException;
import org.dogpile.codec.ValueEncodingException;
import org.dogpile.key.KeyDigest;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.EntryTable;
import org.dogpile.store.LockLease;
import org.dogpile.store.OwnerTokenLocks;
import org.dogpile.store.StoredEntry;

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
 * <li><b>Fresh</b> entry: return it. One store read, one clock read, no lock.</li>
 * <li><b>Stale</b> entry: try the key's lock without waiting. Not had: return the stale value.
 *     Had: read again; if still stale, run the loader, store, release, return the new value (or, in
 *     background mode, return the stale value and regenerate on the executor).</li>
 * <li><b>Absent</b>: wait for the lock, at most the lock timeout. Once had, read again; if a value
 *     arrived return it, else load, store, release, return. On timeout apply the
 *     {@link LockTimeoutFallback}.</li>
 * </ol>
 * The loader's exception reaches the caller that ran it unchanged; the stale entry stays. With a
 * stale-if-error window the stale value is returned instead while the window lasts.
 *
 * <p>Guarantees beyond the three rules: a running regeneration's lease is renewed, so a slow loader
 * never runs twice; a result is stored only if the entry is still the one the regeneration started
 * from (fenced writes), so a regeneration that lost its lease, or was overtaken by an invalidation,
 * never overwrites newer data; a store that fails or does not answer within its bound never hangs
 * a caller ({@link StoreFailureFallback}). Engines are thread-safe; {@link #close()} stops the
 * threads the engine started.
 */
public final class DogpileEngine implements AutoCloseable {

    /*
     * Concurrency design.
     *
     * Two levels of single-flight. Inside this JVM, `flights` maps each key being worked on to one
     * Flight (a CompletableFuture): the thread that puts it there (the leader) is the only thread of
     * this JVM that touches the key's store lock; every other thread either returns the stale value
     * at once (stale path: it has something to return) or waits on the flight (absent path) and gets
     * the leader's outcome: the value, the very same exception, or RETRY when the leader ended
     * without an answer for it (lost the lock on a stale key, was interrupted, had its write refused,
     * timed out earlier than the waiter would), in which case it starts over. Across JVMs, the
     * store's per-key lock decides: a lease with an owner token, taken with tryLock (never blocking
     * inside the store), renewed by the LeaseKeeper while the regeneration runs, released
     * owner-checked, and running out by itself so a crashed holder blocks nobody for longer than one
     * lease. A leader without a value polls (read, tryLock, park 1 to 20 ms) until its deadline on
     * the store clock; polling keeps the store SPI to non-blocking primitives every store offers and
     * lets a lease be released by another thread (background and asynchronous regeneration).
     *
     * Fencing and invalidation. Every write carries a fresh random stamp, and a regeneration's
     * result is written only if the entry is still exactly the one it read under the lock
     * (replace(expected, new)); a regeneration of an absent key first writes a pending marker and
     * then replaces that. An invalidation removes or replaces the entry (pending markers included),
     * so a regeneration that started before it can never store its result, whether it lost its
     * lease or not; its own caller still gets the result. Invalidation also detaches the key's
     * flight from `flights`, so a caller of this JVM arriving afterwards never joins an attempt that
     * started before; a flight whose write was refused answers RETRY to its waiters, so callers of
     * other JVMs are covered too.
     *
     * Ordering on landing a flight: store the entry, release the lease, remove the flight from
     * `flights`, then complete it. A caller that arrives after the removal reads the store and finds
     * the new entry; a waiter woken by the completion has its answer without another store read.
     * The flight is always completed in a finally block, so no waiter is left behind. Waiters stop at
     * their own deadline too, unless the leader is answering that very timeout, so that a lock
     * timeout costs one fallback call per JVM. Deadlines use the store's clock, parking uses real
     * time in short slices, so tests drive timeouts and leases with a manual clock.
     *
     * Shared reads. Callers without a usable local copy read the store; those of this JVM share one
     * read of a key instead of queueing their own on the key's owner (an expiry sends everyone there
     * at once), but only a read that began after they arrived: one that began earlier may predate a
     * write whose value another member's caller has already returned. A caller that finds a read
     * running waits for it and shares the next. Invalidations detach the running read as they
     * detach flights. Re-reads under the lock are never shared: they decide.
     *
     * Outages. A store operation that throws (stores bound their own calls) ends the attempt, and
     * is not retried: each store call may cost the whole bound (a frozen member answers no retry
     * either), so a caller meets at most one failure. A caller with a value to serve (the stale one
     * it read, or this JVM's local copy while servable, when the very first read fails) gets that;
     * the others get the loader's result without caching, or StoreUnavailableException, one loader
     * run per key and JVM at a time (the callers of this JVM share it as they share a flight). A
     * loader that ran is never run again because storing its result failed.
     */

    private static final System.Logger LOG = System.getLogger(DogpileEngine.class.getName());
    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How often a waiter looks at the store clock for its deadline (a manual clock in tests can jump). */
    private static final long WAITER_SLICE_MILLIS = 100;
    /** How long past its deadline a waiter waits for a leader that is about to answer the same timeout. */
    private static final long LEADER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** At most one store-failure log line per this period. */
    private static final long FAILURE_LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How many local copies each cache keeps at most, by default. */
    public static final int DEFAULT_LOCAL_TIER_MAX_ENTRIES = 10_000;
    /** The default period of the lease keeper. */
    static final Duration DEFAULT_RENEWAL_PERIOD = Duration.ofMillis(100);
    private static final int MARK_STALE_ATTEMPTS = 8;
    private static final Object TIMED_OUT = new Object();
    /** What {@link #decode} returns for a value that cannot be read here. */
    private static final Object UNREADABLE = new Object();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DogpileStore store;
    private final EntryTable entries;
    private final OwnerTokenLocks locks;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final DogpileListener listener;
    private final ValueCodec defaultCodec;
    private final ValueCodec everyCacheCodec;
    private final LeaseKeeper keeper;
    private final ThreadPoolExecutor releaser = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new java.util.concurrent.ArrayBlockingQueue<>(1_024), task -> {
            Thread thread = new Thread(task, "dogpile-lock-releaser");
            thread.setDaemon(true);
            return thread;
        });
    private final LocalTier localTier;
    private final boolean localTierAvailable;
    private final ConcurrentMap<Flight.Key, Flight> flights = new ConcurrentHashMap<>();
    /** The first store read of calls without a usable local copy, per key, while it runs (see {@link #sharedRead}). */
    private final ConcurrentMap<Flight.Key, SharedRead> reads = new ConcurrentHashMap<>();
    /** Whether reads are shared: only where a read is costly (not for a store that keeps references in this JVM). */
    private final boolean readsShared;
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - FAILURE_LOG_PERIOD_NANOS);

    /**
     * Creates an engine with the defaults of {@link #builder}.
     *
     * @param store where entries and locks live
     */
    public DogpileEngine(DogpileStore store) {
        this(builder(store));
    }

    /**
     * Creates an engine whose background regenerations run on the given executor.
     *
     * @param store where entries and locks live
     * @param executor runs background regenerations (in Jakarta EE, a managed executor)
     */
    public DogpileEngine(DogpileStore store, Executor executor) {
        this(builder(store).executor(executor));
    }

    private DogpileEngine(Builder builder) {
        this.store = builder.store;
        this.entries = store.entries();
        this.listener = builder.listener;
        this.defaultCodec = builder.codec;
        this.everyCacheCodec = builder.everyCacheCodec;
        this.locks = new OwnerTokenLocks(store.locks(), store::currentTimeMillis);
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownExecutor = null;
        } else {
            this.ownExecutor = defaultExecutor();
            this.executor = ownExecutor;
        }
        this.keeper = new LeaseKeeper(store, locks, listener, builder.renewalPeriod, this::abandon);
        this.localTier = new LocalTier(entries, builder.localTierMaxEntries);
        this.localTierAvailable = localTier.isAvailable();
        this.readsShared = builder.sharedReads && !entries.keepsReferences();
    }

    /**
     * Starts configuring an engine.
     *
     * @param store where entries and locks live
     * @return a builder with the defaults: background regenerations on a bounded pool of the
     *     engine's own (running on the caller when full), no listener, Java serialization of JDK
     *     types as the default codec, leases renewed by a daemon thread
     */
    public static Builder builder(DogpileStore store) {
        return new Builder(store);
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
     *     {@link LockWaitInterruptedException}; {@link StoreUnavailableException}
     */
    public <V> V get(String cache, String key, DogpilePolicy policy, Loader<? extends V> loader) throws Exception {
        Objects.requireNonNull(cache, "cache cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(policy, "policy cannot be null");
        Objects.requireNonNull(loader, "loader cannot be null");
        boolean local = useLocalTier(policy);
        if (local) {
            LocalTier.Copy copy = localTier.get(cache, key);
            if (copy != null) {
                long now = store.currentTimeMillis();
                if (now < copy.keepUntil() && isFresh(copy.entry(), now) && !refreshesEarly(copy.entry(), now, policy)) {
                    listener.onLocalHit(cache);
                    return cast(copy.value());
                }
            }
        }
        StoredEntry entry;
        long now;
        long changesBefore;
        try {
            if (readsShared) {
                SharedRead read = sharedRead(cache, key, local);
                changesBefore = read.changesBefore;
                entry = read.entry();
            } else {
                changesBefore = local ? localTier.changesBeforeRead(cache) : -1;
                entry = entries.get(cache, key);
            }
            now = store.currentTimeMillis();
        } catch (RuntimeException storeFailure) {
            Object kept = local ? keptWhileStoreFails(cache, key, storeFailure) : UNREADABLE;
            return kept != UNREADABLE ? cast(kept) : failOpenOnce(new Flight.Key(cache, key), policy, loader, storeFailure);
        }
        Flight.Key flightKey;
        if (entry != null && isFresh(entry, now)) {
            Object value = decode(cache, entry, policy);
            if (value != UNREADABLE) {
                if (!refreshesEarly(entry, now, policy)) {
                    if (local) {
                        localTier.put(cache, key, entry, value,
                            OwnerTokenLocks.saturatedAdd(now, policy.localTtl().toMillis()), changesBefore);
                    }
                    listener.onFreshHit(cache);
                    return cast(value);
                }
                flightKey = new Flight.Key(cache, key);
                return refreshEarly(flightKey, entry, value, policy, loader);
            }
        }
        flightKey = new Flight.Key(cache, key);
        if (entry != null && isServable(entry, now)) {
            Object stale = decode(cache, entry, policy);
            if (stale != UNREADABLE) {
                return getStale(flightKey, entry, stale, policy, loader);
            }
        }
        return getAbsent(flightKey, policy, loader);
    }

    /**
     * Reads the key's entry without loading, locking or touching its age, decoding the value with
     * the engine's default codec.
     *
     * @param cache the cache name
     * @param key the key
     * @return the entry, fresh or stale, or empty
     */
    public Optional<CacheEntry> peek(String cache, String key) {
        return peek(cache, key, null);
    }

    /**
     * Reads the key's entry without loading, locking or touching its age.
     *
     * @param cache the cache name
     * @param key the key
     * @param policy the cache's policy (for its codec), or {@code null} for the engine's default codec
     * @return the entry, fresh or stale, or empty
     */
    public Optional<CacheEntry> peek(String cache, String key, DogpilePolicy policy) {
        Objects.requireNonNull(cache, "cache cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
        StoredEntry entry = entries.get(cache, key);
        if (entry == null || !isServable(entry, store.currentTimeMillis())) {
            return Optional.empty();
        }
        Object value = decode(cache, entry, policy);
        return value == UNREADABLE ? Optional.empty()
            : Optional.of(new CacheEntry(value, entry.createdAt(), entry.expireAfterMillis(), entry.isInvalidated()));
    }

    /**
     * Hard invalidation: removes the key's entry; the next callers wait for a new value. A
     * regeneration already running does not store its result, and callers arriving afterwards do
     * not join it.
     *
     * @param cache the cache name
     * @param key the key
     * @throws StoreUnavailableException when the store failed: the invalidation may not have happened
     */
    public void invalidate(String cache, String key) {
        Flight.Key flightKey = new Flight.Key(Objects.requireNonNull(cache, "cache cannot be null"),
            Objects.requireNonNull(key, "key cannot be null"));
        flights.remove(flightKey);
        reads.remove(flightKey);
        try {
            entries.remove(cache, key);
        } catch (RuntimeException failure) {
            throw invalidationFailed(cache, failure);
        } finally {
            localTier.drop(cache, key);
        }
        listener.onInvalidation(cache, false, false);
    }

    /**
     * Soft invalidation: marks the key's entry stale; the next caller regenerates while the others
     * keep getting the old value. A regeneration already running does not store its result.
     *
     * @param cache the cache name
     * @param key the key
     * @return {@code true} when there was a value to mark
     * @throws StoreUnavailableException when the store failed: the invalidation may not have happened
     */
    public boolean invalidateSoftly(String cache, String key) {
        Flight.Key flightKey = new Flight.Key(Objects.requireNonNull(cache, "cache cannot be null"),
            Objects.requireNonNull(key, "key cannot be null"));
        flights.remove(flightKey);
        reads.remove(flightKey);
        try {
            boolean marked = markStale(cache, key);
            listener.onInvalidation(cache, true, false);
            return marked;
        } catch (RuntimeException failure) {
            throw invalidationFailed(cache, failure);
        } finally {
            localTier.drop(cache, key);
        }
    }

    /**
     * Hard invalidation of a whole cache.
     *
     * @param cache the cache name
     * @throws StoreUnavailableException when the store failed
     */
    public void invalidateAll(String cache) {
        detachAll(Objects.requireNonNull(cache, "cache cannot be null"));
        try {
            entries.clear(cache);
        } catch (RuntimeException failure) {
            throw invalidationFailed(cache, failure);
        } finally {
            localTier.dropAll(cache);
        }
        listener.onInvalidation(cache, false, true);
    }

    /**
     * Soft invalidation of a whole cache.
     *
     * @param cache the cache name
     * @throws StoreUnavailableException when the store failed
     */
    public void invalidateAllSoftly(String cache) {
        detachAll(Objects.requireNonNull(cache, "cache cannot be null"));
        try {
            for (String key : entries.keys(cache)) {
                markStale(cache, key);
            }
        } catch (RuntimeException failure) {
            throw invalidationFailed(cache, failure);
        } finally {
            localTier.dropAll(cache);
        }
        listener.onInvalidation(cache, true, true);
    }

    /** Stops the lease keeper and the engine's own executor; running regenerations still land. */
    @Override
    public void close() {
        keeper.close();
        releaser.shutdown();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /** @return how many callers wait for the running shared read of the key (0 when none runs); for tests */
    int callersSharingRead(String cache, String key) {
        SharedRead read = reads.get(new Flight.Key(cache, key));
        return read == null ? 0 : read.getNumberOfDependents();
    }

    /** Renews due leases now; the lease keeper does this on its own, tests call it by hand. */
    void renewLeases() {
        keeper.renewDue();
    }

    /**
     * XFetch (Vattani, Chierichetti and Lowenstein, VLDB 2015): refresh a fresh value early with a
     * probability that rises as expiry nears, scaled by how long the value took to compute, so that
     * nobody sees it expire: {@code now - delta * beta * ln(random) >= expiresAt}.
     */
    private static boolean refreshesEarly(StoredEntry entry, long now, DogpilePolicy policy) {
        double beta = policy.earlyRefresh();
        if (beta == 0) {
            return false;
        }
        long expiresAt = entry.createdAt() + entry.expireAfterMillis();
        double delta = Math.max(1, entry.computeMillis());
        double gap = -delta * beta * Math.log(1 - ThreadLocalRandom.current().nextDouble());
        return now + gap >= expiresAt;
    }

    /**
     * One caller refreshes a still-fresh value on the executor while every caller, itself included,
     * keeps the fresh value. The lock and the same-write check under it keep it to one refresh per
     * value in the whole cluster.
     */
    private <V> V refreshEarly(Flight.Key flightKey, StoredEntry fresh, Object freshValue, DogpilePolicy policy,
            Loader<? extends V> loader) {
        listener.onFreshHit(flightKey.cache());
        Flight mine = new Flight(flightKey, Long.MAX_VALUE, policy);
        if (flights.putIfAbsent(flightKey, mine) != null) {
            return cast(freshValue);
        }
        boolean handedOff = false;
        try {
            if (!takeLock(mine)) {
                return cast(freshValue);
            }
            StoredEntry current = read(flightKey);
            if (current != null && current.sameWriteAs(fresh)) {
                handedOff = regenerateInBackground(mine, current, freshValue, loader);
            }
            return cast(freshValue);
        } catch (StoreFailure failure) {
            reportStoreFailure(flightKey.cache(), failure.getCause(), true, "serving the fresh value");
            return cast(freshValue);
        } finally {
            if (!handedOff) {
                land(mine);
            }
        }
    }

    private boolean useLocalTier(DogpilePolicy policy) {
        return localTierAvailable && !policy.localTtl().isZero();
    }

    private <V> V getStale(Flight.Key flightKey, StoredEntry stale, Object staleValue, DogpilePolicy policy,
            Loader<? extends V> loader) throws Exception {
        Flight mine = new Flight(flightKey, Long.MAX_VALUE, policy);
        if (flights.putIfAbsent(flightKey, mine) != null) {
            listener.onStaleHit(flightKey.cache()); // another thread of this JVM is on it
            return cast(staleValue);
        }
        boolean handedOff = false;
        try {
            if (!takeLock(mine)) {
                listener.onStaleHit(flightKey.cache()); // another member is on it
                return cast(staleValue);
            }
            StoredEntry current = read(flightKey);
            long now = store.currentTimeMillis();
            if (current != null && isFresh(current, now)) {
                Object fresh = decode(flightKey.cache(), current, policy);
                if (fresh != UNREADABLE) {
                    mine.outcome = fresh; // refreshed just before we took the lock
                    listener.onFreshHit(flightKey.cache());
                    return cast(fresh);
                }
            }
            if (policy.background() && current != null && isServable(current, now)) {
                handedOff = regenerateInBackground(mine, current, staleValue, loader);
                if (handedOff) {
                    listener.onStaleHit(flightKey.cache());
                    return cast(staleValue);
                }
            }
            return regenerate(mine, current, stale, staleValue, loader);
        } catch (StoreFailure failure) {
            mine.storeFailed = true;
            reportStoreFailure(flightKey.cache(), failure.getCause(), true, "serving the stale value");
            return cast(staleValue); // the cache is failing: keep serving what we have rather than load
        } finally {
            if (!handedOff) {
                land(mine);
            }
        }
    }

    private <V> V getAbsent(Flight.Key flightKey, DogpilePolicy policy, Loader<? extends V> loader) throws Exception {
        long startNanos = System.nanoTime();
        long deadline;
        try {
            deadline = OwnerTokenLocks.saturatedAdd(store.currentTimeMillis(), policy.lockTimeout().toMillis());
        } catch (RuntimeException clockFailure) {
            return failOpen(flightKey.cache(), policy, loader, clockFailure, null);
        }
        while (true) {
            Flight mine = new Flight(flightKey, deadline, policy);
            Flight running = flights.putIfAbsent(flightKey, mine);
            if (running == null) {
                return lead(mine, startNanos, loader);
            }
            Object outcome = await(running, deadline);
            if (outcome == TIMED_OUT) {
                return onLockTimeout(flightKey, policy, loader);
            }
            if (outcome != Flight.RETRY) {
                listener.onMissWaited(flightKey.cache(), System.nanoTime() - startNanos);
                return cast(outcome);
            }
        }
    }

    /** Leads a flight for a key that had no value: poll the store and its lock until the deadline. */
    private <V> V lead(Flight mine, long startNanos, Loader<? extends V> loader) throws Exception {
        Flight.Key flightKey = mine.key;
        DogpilePolicy policy = mine.policy;
        try {
            long pauseNanos = MIN_PAUSE_NANOS;
            while (true) {
                boolean locked = takeLock(mine);
                StoredEntry entry = read(flightKey);
                long now = store.currentTimeMillis();
                Object value = entry != null && isServable(entry, now) ? decode(flightKey.cache(), entry, policy) : UNREADABLE;
                if (locked) {
                    if (value != UNREADABLE && isFresh(entry, now)) {
                        mine.outcome = value; // arrived just before we took the lock
                        listener.onMissWaited(flightKey.cache(), System.nanoTime() - startNanos);
                        return cast(value);
                    }
                    return regenerate(mine, entry, value == UNREADABLE ? null : entry, value, loader);
                }
                if (value != UNREADABLE) {
                    // a value arrived while we waited; if it is already stale, our waiters start over and get it too
                    mine.outcome = isFresh(entry, now) ? value : Flight.RETRY;
                    listener.onMissWaited(flightKey.cache(), System.nanoTime() - startNanos);
                    return cast(value);
                }
                long remainingMillis = mine.deadline - now;
                if (remainingMillis <= 0) {
                    mine.fallingBack = true;
                    try {
                        V fallback = onLockTimeout(flightKey, policy, loader);
                        mine.outcome = fallback; // shared: the callers of this JVM waited for the same answer
                        return fallback;
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
        } catch (StoreFailure failure) {
            return failOpen(flightKey.cache(), policy, loader, failure.getCause(), mine);
        } finally {
            land(mine);
        }
    }

    /**
     * Waits for another thread's flight until this caller's deadline. Past the deadline it keeps
     * waiting only for an answer to that same timeout: a leader running its fallback, or a leader
     * still polling with a deadline no later than ours, which is about to (it looks at the clock at
     * least every {@link #MAX_PAUSE_NANOS}; we give it {@link #LEADER_GRACE_NANOS} at most). So a
     * timeout makes one fallback call per JVM, not one per caller. A leader's lock timeout that
     * comes before ours is not our answer: we start over.
     */
    private Object await(Flight flight, long deadline) throws Exception {
        long graceEnd = 0;
        while (true) {
            long sliceMillis = WAITER_SLICE_MILLIS;
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
                Throwable cause = failed.getCause();
                if (cause instanceof LockTimeoutException && flight.deadline < deadline) {
                    return Flight.RETRY; // the leader's timeout came before ours
                }
                throw rethrowable(cause);
            } catch (InterruptedException interruption) {
                throw interrupted(flight.key, interruption);
            } catch (RuntimeException clockFailure) {
                return Flight.RETRY; // the store's clock failed: start over, which fails open
            }
        }
    }

    private <V> V onLockTimeout(Flight.Key flightKey, DogpilePolicy policy, Loader<? extends V> loader) throws Exception {
        boolean call = policy.lockTimeoutFallback() == LockTimeoutFallback.CALL_WITHOUT_CACHING;
        listener.onLockTimeout(flightKey.cache(), call);
        if (!call) {
            throw new LockTimeoutException("no value for cache '" + flightKey.cache() + "' key "
                + KeyDigest.forLog(flightKey.key()) + " and its regeneration lock was not free within "
                + policy.lockTimeout());
        }
        LOG.log(DEBUG, () -> "DOGPILE-1001: lock timeout on cache '" + flightKey.cache() + "' key "
            + KeyDigest.forLog(flightKey.key()) + ": calling without caching");
        return loader.load();
    }

    private <V> boolean regenerateInBackground(Flight mine, StoredEntry current, Object staleValue,
            Loader<? extends V> loader) {
        mine.handedOffAt = store.currentTimeMillis();
        mine.background = true;
        try {
            executor.execute(() -> {
                if (!mine.claim()) {
                    return; // abandoned: the executor started us later than one lease
                }
                try {
                    regenerate(mine, current, current, staleValue, loader);
                } catch (Throwable failure) {
                    LOG.log(WARNING, () -> "DOGPILE-1002: background regeneration of cache '" + mine.key.cache() + "' key "
                        + KeyDigest.forLog(mine.key.key()) + " failed; the stale value stays", failure);
                } finally {
                    land(mine);
                }
            });
            return true;
        } catch (RejectedExecutionException rejected) {
            mine.background = false;
            LOG.log(WARNING, () -> "DOGPILE-1003: the executor rejected the background regeneration of cache '"
                + mine.key.cache() + "'; regenerating on the caller's thread", rejected);
            return false;
        }
    }

    /** Lands a background flight that its executor never started (discarded, or shut down). */
    private void abandon(Flight flight) {
        if (flight.claim()) {
            LOG.log(WARNING, () -> "DOGPILE-1004: the executor did not start the background regeneration of cache '"
                + flight.key.cache() + "' within the lease " + flight.policy.lease() + "; releasing the key");
            land(flight);
        }
    }

    /**
     * Runs the loader under the flight's lease and stores the value if the entry is still
     * {@code expected}. On failure, returns the stale value while its stale-if-error window lasts,
     * else rethrows. The flight records the outcome for the callers of this JVM waiting on it.
     *
     * @param expected the entry read under the lock (any kind), or {@code null}
     * @param stale the servable entry whose value a failure may fall back to, or {@code null}
     * @param staleValue its decoded value
     */
    private <V> V regenerate(Flight flight, StoredEntry expected, StoredEntry stale, Object staleValue,
            Loader<? extends V> loader) throws Exception {
        Flight.Key key = flight.key;
        DogpilePolicy policy = flight.policy;
        flight.loading = true;
        if (expected != null && expected.isUnreadable()) {
            // what a stranger or another format wrote: remove it (never read back), then start as for an absent key
            storeCall(() -> {
                entries.remove(key.cache(), key.key());
                return null;
            });
            expected = null;
        }
        StoredEntry basis = expected != null ? expected : writePending(flight);
        flight.keepUntil = basis.isValue() ? basis.removeAt() : 0;
        long start = System.nanoTime();
        V value;
        try {
            value = loader.load();
        } catch (Throwable failure) {
            listener.onRegeneration(key.cache(), System.nanoTime() - start, failure, flight.isBackground());
            if (basis.isPending()) {
                removeQuietly(key, basis);
            }
            boolean interrupted = failure instanceof InterruptedException || Thread.currentThread().isInterrupted();
            flight.failure = interrupted ? null : failure; // an interrupted leader's waiters start over
            if (stale != null && servesStaleOnError(stale, policy)) {
                listener.onStaleIfError(key.cache());
                LOG.log(WARNING, () -> "DOGPILE-1005: regeneration of cache '" + key.cache() + "' key "
                    + KeyDigest.forLog(key.key()) + " failed; serving the stale value (stale-if-error)", failure);
                return cast(staleValue);
            }
            throw failure;
        }
        long tookNanos = System.nanoTime() - start;
        listener.onRegeneration(key.cache(), tookNanos, null, flight.isBackground());
        flight.outcome = value;
        if (value == null && !policy.cacheNull()) {
            if (basis.isPending()) {
                removeQuietly(key, basis);
            }
            return value;
        }
        StoredEntry entry;
        try {
            entry = newEntry(key, value, policy, TimeUnit.NANOSECONDS.toMillis(tookNanos));
        } catch (DogpileException notEncodable) {
            flight.failure = notEncodable;
            if (basis.isPending()) {
                removeQuietly(key, basis);
            }
            throw notEncodable;
        }
        boolean written;
        try {
            written = entries.replace(key.cache(), key.key(), basis, entry, ttlOf(entry));
            localTier.drop(key.cache(), key.key());
        } catch (RuntimeException storeFailure) {
            flight.storeFailed = true;
            reportStoreFailure(key.cache(), storeFailure, true, "returning the method's result without caching it");
            return value; // the loader ran: its result is the answer, never a reason to run it again
        }
        if (!written) {
            flight.outcome = Flight.RETRY; // waiters may have called after what overtook us: start over
            listener.onWriteRefused(key.cache());
            LOG.log(DEBUG, () -> "DOGPILE-1006: the entry of cache '" + key.cache() + "' key " + KeyDigest.forLog(key.key())
                + " changed during its regeneration (invalidated, or written by another member); result not stored");
        }
        return value;
    }

    /** Writes the pending marker of a regeneration of an absent key; the entry the result replaces. */
    private StoredEntry writePending(Flight flight) {
        Flight.Key key = flight.key;
        StoredEntry pending = StoredEntry.pending(ThreadLocalRandom.current().nextLong(), store.currentTimeMillis());
        long ttl = OwnerTokenLocks.saturatedAdd(flight.policy.lease().toMillis(), flight.policy.lease().toMillis());
        if (!storeCall(() -> entries.putIfAbsent(key.cache(), key.key(), pending, ttl))) {
            // something was written without the lock (a holder whose lease ran out): build on it
            StoredEntry found = read(key);
            return found != null ? found : pending;
        }
        return pending;
    }

    private StoredEntry newEntry(Flight.Key key, Object value, DogpilePolicy policy, long computeMillis) {
        long now = store.currentTimeMillis();
        long removeAt = OwnerTokenLocks.saturatedAdd(now, policy.hardTtlMillis());
        long stamp = ThreadLocalRandom.current().nextLong();
        if (entries.keepsReferences() || value == null) {
            return StoredEntry.value(stamp, now, policy.expireAfter().toMillis(), removeAt, computeMillis,
                entries.keepsReferences() ? "" : codecOf(policy).id(), value);
        }
        ValueCodec codec = codecOf(policy);
        try {
            return StoredEntry.value(stamp, now, policy.expireAfter().toMillis(), removeAt, computeMillis, codec.id(),
                codec.encode(value));
        } catch (ValueEncodingException notEncodable) {
            throw new DogpileException("cannot store the value of cache '" + key.cache() + "' key "
                + KeyDigest.forLog(key.key()) + ": " + notEncodable.getMessage(), notEncodable);
        }
    }

    /** The store TTL of an entry: its whole hard TTL from now, so that a racing write is never shortened. */
    private static long ttlOf(StoredEntry entry) {
        return Math.max(1, entry.removeAt() - entry.createdAt());
    }

    private boolean markStale(String cache, String key) {
        for (int attempt = 0; attempt < MARK_STALE_ATTEMPTS; attempt++) {
            StoredEntry current = entries.get(cache, key);
            if (current == null) {
                return false;
            }
            if (current.isUnreadable()) {
                entries.remove(cache, key); // what a stranger or another format wrote counts as absent: remove it unread
                return false;
            }
            if (!current.isValue()) {
                // a regeneration of an absent key is running: make its write fail, there is nothing to mark
                if (entries.remove(cache, key, current)) {
                    return false;
                }
                continue;
            }
            // marked again even when already stale: the new stamp fences out a regeneration that
            // started from the marked entry before this invalidation
            StoredEntry marked = current.invalidated(ThreadLocalRandom.current().nextLong());
            if (entries.replace(cache, key, current, marked, ttlOf(current))) {
                return true;
            }
        }
        throw new StoreUnavailableException("could not mark cache '" + cache + "' key " + KeyDigest.forLog(key)
            + " stale: its entry changed " + MARK_STALE_ATTEMPTS + " times in a row", null);
    }

    private void detachAll(String cache) {
        flights.keySet().removeIf(flightKey -> flightKey.cache().equals(cache));
        reads.keySet().removeIf(readKey -> readKey.cache().equals(cache));
    }

    private boolean servesStaleOnError(StoredEntry stale, DogpilePolicy policy) {
        long expiresAt = OwnerTokenLocks.saturatedAdd(stale.createdAt(), stale.expireAfterMillis());
        return !policy.staleIfError().isZero()
            && store.currentTimeMillis() < OwnerTokenLocks.saturatedAdd(expiresAt, policy.staleIfError().toMillis());
    }

    private boolean takeLock(Flight flight) {
        LockLease lease = storeCall(() -> locks.tryLock(flight.key.cache(), flight.key.key(), flight.policy.lease().toMillis(),
            flight.lockToken));
        if (lease == null) {
            return false;
        }
        flight.holdLease(lease);
        keeper.track(flight);
        return true;
    }

    private StoredEntry read(Flight.Key key) {
        return storeCall(() -> entries.get(key.cache(), key.key()));
    }

    /**
     * The first store read of a call that has no usable local copy. Callers of this JVM share a read
     * of the same key, but only one that began after they arrived: a read that began earlier may
     * predate a write whose value a caller on another member has already returned, and handing it
     * on would serve an older value after a newer one. So a caller that finds a read running waits
     * for it and shares the next one (unless it failed: its failure carries no value and already
     * cost the store's bound). Either way at most one read per key is in flight in this JVM:
     * when a value expires, every caller of every member would otherwise read the key at once, and
     * the reads queue on its owner's one partition thread. Invalidations detach the running read.
     * The re-reads under the lock never share.
     *
     * @return the read, completed: its entry, or the store's failure
     */
    private SharedRead sharedRead(String cache, String key, boolean local) {
        Flight.Key readKey = new Flight.Key(cache, key);
        long arrived = System.nanoTime();
        while (true) {
            SharedRead running = reads.get(readKey);
            if (running == null) {
                SharedRead mine = new SharedRead(local ? localTier.changesBeforeRead(cache) : -1);
                running = reads.putIfAbsent(readKey, mine);
                if (running == null) {
                    return readShared(readKey, mine);
                }
            }
            running.awaitQuietly();
            if (running.startedAt - arrived >= 0 || running.isCompletedExceptionally()) {
                return running; // began after this caller arrived, or failed: no value, and one bound is enough
            }
            // it began before this caller arrived; it was still running then, so the next one begins after
        }
    }

    private SharedRead readShared(Flight.Key readKey, SharedRead mine) {
        mine.startedAt = System.nanoTime();
        StoredEntry entry = null;
        Throwable failure = null;
        try {
            entry = entries.get(readKey.cache(), readKey.key());
        } catch (RuntimeException | Error thrown) {
            failure = thrown;
        } finally {
            reads.remove(readKey, mine); // before completing: a caller that waited then finds the next read, not this one
        }
        if (failure != null) {
            mine.completeExceptionally(failure);
        } else {
            mine.complete(entry);
        }
        return mine;
    }

    /** A store read shared by the callers of this JVM that arrive while it runs. */
    private static final class SharedRead extends CompletableFuture<StoredEntry> {
        /** The local tier's change counter before the read began (-1 without a local tier). */
        final long changesBefore;
        /** When the store call began ({@code System.nanoTime}); read by waiters once the read completed. */
        long startedAt;

        SharedRead(long changesBefore) {
            this.changesBefore = changesBefore;
        }

        /** Waits for the reading caller; the store bounds its own calls, so this ends. */
        void awaitQuietly() {
            boolean interrupted = false;
            while (!isDone()) {
                try {
                    get();
                } catch (InterruptedException interruption) {
                    interrupted = true;
                } catch (ExecutionException failed) {
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** @return the entry read, or {@code null}; throws the store's failure */
        StoredEntry entry() {
            try {
                return join();
            } catch (CompletionException failed) {
                Throwable cause = failed.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                throw cause instanceof RuntimeException runtime ? runtime : failed;
            }
        }
    }

    /** Releases the flight's lease, retires the flight and hands its outcome to the waiters; never throws. */
    private void land(Flight flight) {
        keeper.untrack(flight);
        LockLease lease = flight.land();
        if (lease != null && flight.storeFailed) {
            releaseLater(flight, lease); // the store is failing: do not make this caller wait for it again
            complete(flight);
            return;
        }
        try {
            if (lease != null && !locks.release(lease) && !flight.leaseLost) {
                LOG.log(WARNING, () -> "DOGPILE-1007: the lock lease on cache '" + flight.key.cache() + "' key "
                    + KeyDigest.forLog(flight.key.key()) + " ran out before the regeneration finished (lease "
                    + flight.policy.lease() + ")");
            }
        } catch (RuntimeException releaseFailure) {
            LOG.log(WARNING, () -> "DOGPILE-1008: could not release the lock on cache '" + flight.key.cache() + "' key "
                + KeyDigest.forLog(flight.key.key()) + "; it frees itself when the lease runs out", releaseFailure);
        } finally {
            complete(flight);
        }
    }

    private void complete(Flight flight) {
        flights.remove(flight.key, flight);
        if (flight.failure != null) {
            flight.completeExceptionally(flight.failure);
        } else {
            flight.complete(flight.outcome);
        }
    }

    /** Releases a lease on the engine's releaser thread; if that cannot keep up, the lease runs out by itself. */
    private void releaseLater(Flight flight, LockLease lease) {
        try {
            releaser.execute(() -> {
                try {
                    locks.release(lease);
                } catch (RuntimeException stillFailing) {
                    // the lease runs out by itself
                }
            });
        } catch (RejectedExecutionException full) {
            LOG.log(DEBUG, () -> "DOGPILE-1014: too many releases pending on cache '" + flight.key.cache()
                + "'; the lease runs out by itself");
        }
    }

    private void removeQuietly(Flight.Key key, StoredEntry expected) {
        try {
            entries.remove(key.cache(), key.key(), expected);
        } catch (RuntimeException ignored) {
            // a pending marker reads as absent and expires by itself
        }
    }

    /**
     * The answer of a caller whose first read failed and that has nothing to serve. One caller per
     * key in this JVM fails open and the others arriving meanwhile share its answer, as they would
     * share a regeneration: an outage of the cache must not become a stampede on what it protects.
     * No further store call: the read already cost the bound.
     */
    private <V> V failOpenOnce(Flight.Key flightKey, DogpilePolicy policy, Loader<? extends V> loader,
            RuntimeException storeFailure) throws Exception {
        long deadline;
        try {
            deadline = OwnerTokenLocks.saturatedAdd(store.currentTimeMillis(), policy.lockTimeout().toMillis());
        } catch (RuntimeException clockFailure) {
            return failOpen(flightKey.cache(), policy, loader, storeFailure, null);
        }
        boolean reported = false;
        while (true) {
            Flight mine = new Flight(flightKey, deadline, policy);
            Flight running = flights.putIfAbsent(flightKey, mine);
            if (running == null) {
                mine.loading = true;
                try {
                    return failOpen(flightKey.cache(), policy, loader, storeFailure, mine);
                } finally {
                    land(mine);
                }
            }
            if (!reported) {
                reported = true; // counted as the leader's is: this caller's read failed too
                listener.onStoreFailure(flightKey.cache(), storeFailure,
                    policy.storeFailureFallback() == StoreFailureFallback.CALL_WITHOUT_CACHING);
            }
            Object outcome = await(running, deadline);
            if (outcome == TIMED_OUT) {
                return onLockTimeout(flightKey, policy, loader);
            }
            if (outcome != Flight.RETRY) {
                return cast(outcome);
            }
        }
    }

    /** The caller's answer when the store failed: the loader's result without caching, or an exception. */
    private <V> V failOpen(String cache, DogpilePolicy policy, Loader<? extends V> loader, Throwable failure,
            Flight flight) throws Exception {
        RuntimeException storeFailure = failure instanceof RuntimeException runtime ? runtime
            : new StoreUnavailableException(failure.toString(), failure);
        boolean call = policy.storeFailureFallback() == StoreFailureFallback.CALL_WITHOUT_CACHING;
        if (flight != null) {
            flight.storeFailed = true;
        }
        reportStoreFailure(cache, storeFailure, call, call ? "calling the method without caching" : "failing the call");
        if (!call) {
            StoreUnavailableException thrown = new StoreUnavailableException("the store of cache '" + cache
                + "' failed: " + storeFailure.getMessage(), storeFailure);
            if (flight != null) {
                flight.failure = thrown;
            }
            throw thrown;
        }
        try {
            V value = loader.load();
            if (flight != null) {
                flight.outcome = value;
            }
            return value;
        } catch (Throwable loaderFailure) {
            if (flight != null) {
                flight.failure = loaderFailure;
            }
            throw loaderFailure;
        }
    }

    private void reportStoreFailure(String cache, RuntimeException failure, boolean failedOpen, String consequence) {
        listener.onStoreFailure(cache, failure, failedOpen);
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last >= FAILURE_LOG_PERIOD_NANOS && lastFailureLog.compareAndSet(last, now)) {
            LOG.log(WARNING, () -> "DOGPILE-1009: the store failed on cache '" + cache + "' ("
                + failure.getMessage() + "); " + consequence + " (logged at most once every 10 s)");
        }
    }

    private static StoreUnavailableException invalidationFailed(String cache, RuntimeException failure) {
        return failure instanceof StoreUnavailableException unavailable ? unavailable
            : new StoreUnavailableException("could not invalidate cache '" + cache + "': " + failure.getMessage(), failure);
    }

    private boolean isFresh(StoredEntry entry, long now) {
        return entry.isValue() && !entry.isInvalidated() && now < entry.removeAt()
            && now - entry.createdAt() < entry.expireAfterMillis();
    }

    /**
     * When the store does not answer a read: this JVM's last copy of the value while it may still be
     * served (fresh, or stale within its window), rather than every caller of the moment running the
     * method; {@link #UNREADABLE} when there is none.
     */
    private Object keptWhileStoreFails(String cache, String key, RuntimeException storeFailure) {
        LocalTier.Copy copy = localTier.get(cache, key);
        long now;
        try {
            now = store.currentTimeMillis();
        } catch (RuntimeException clockFailure) {
            return UNREADABLE;
        }
        if (copy == null || !isServable(copy.entry(), now)) {
            return UNREADABLE;
        }
        reportStoreFailure(cache, storeFailure, false, "serving this JVM's last copy of the value");
        if (isFresh(copy.entry(), now)) {
            listener.onLocalHit(cache);
        } else {
            listener.onStaleHit(cache);
        }
        return copy.value();
    }

    private static boolean isServable(StoredEntry entry, long now) {
        return entry.isValue() && now < entry.removeAt();
    }

    /** The entry's value, or {@link #UNREADABLE} when this JVM cannot read it (it then counts as absent). */
    private Object decode(String cache, StoredEntry entry, DogpilePolicy policy) {
        String codecId = entry.codecId();
        Object value = entry.value();
        if (codecId.isEmpty() || value == null) {
            return codecId.isEmpty() == entries.keepsReferences() ? value : UNREADABLE;
        }
        ValueCodec codec = codecOf(policy);
        if (!codec.id().equals(codecId) || !(value instanceof byte[] bytes)) {
            unreadable(cache, "it was written with codec '" + codecId + "', this cache uses '" + codec.id() + "'");
            return UNREADABLE;
        }
        try {
            return codec.decode(bytes);
        } catch (ValueDecodingException refused) {
            unreadable(cache, refused.getMessage());
            return UNREADABLE;
        }
    }

    private void unreadable(String cache, String why) {
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last >= FAILURE_LOG_PERIOD_NANOS && lastFailureLog.compareAndSet(last, now)) {
            LOG.log(WARNING, () -> "DOGPILE-1010: an entry of cache '" + cache + "' cannot be read here and counts as "
                + "absent: " + why + " (logged at most once every 10 s)");
        }
    }

    private ValueCodec codecOf(DogpilePolicy policy) {
        if (everyCacheCodec != null) {
            return everyCacheCodec;
        }
        ValueCodec codec = policy == null ? null : policy.codec();
        return codec != null ? codec : defaultCodec;
    }

    private static <T> T storeCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreFailure failure) {
            throw failure;
        } catch (RuntimeException failure) {
            throw new StoreFailure(failure);
        }
    }

    private static LockWaitInterruptedException interrupted(Flight.Key flightKey, InterruptedException interruption) {
        Thread.currentThread().interrupt();
        return new LockWaitInterruptedException("interrupted while waiting for cache '" + flightKey.cache()
            + "' key " + KeyDigest.forLog(flightKey.key()), interruption);
    }

    private static Exception rethrowable(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception exception ? exception : new DogpileException("unexpected failure", cause);
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object value) {
        return (V) value;
    }

    private static ExecutorService defaultExecutor() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new ThreadPoolExecutor(0, threads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "dogpile-regeneration-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** A store operation failed inside the engine's own steps; unwrapped where the call fails open. */
    private static final class StoreFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    /** Configures a {@link DogpileEngine}. Not thread-safe. */
    public static final class Builder {
        private final DogpileStore store;
        private Executor executor;
        private DogpileListener listener = DogpileListener.NONE;
        private ValueCodec codec = JavaSerializationCodec.defaults();
        private ValueCodec everyCacheCodec;
        private Duration renewalPeriod = DEFAULT_RENEWAL_PERIOD;
        private int localTierMaxEntries = DEFAULT_LOCAL_TIER_MAX_ENTRIES;
        private boolean sharedReads = true;

        private Builder(DogpileStore store) {
            this.store = Objects.requireNonNull(store, "store cannot be null");
        }

        /**
         * @param executor runs background regenerations (in Jakarta EE, a managed executor); without
         *     one, a bounded pool of the engine's own that runs a task on the caller when full
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor cannot be null");
            return this;
        }

        /**
         * @param listener hears what the engine does (statistics, metrics, recordings)
         * @return this builder
         */
        public Builder listener(DogpileListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener cannot be null");
            return this;
        }

        /**
         * @param codec encodes values for stores outside this JVM's heap, for policies without a codec
         * @return this builder
         */
        public Builder codec(ValueCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec cannot be null");
            return this;
        }

        /**
         * @param codec encodes the values of every cache, whatever codec their policies name (an
         *     application's own codec)
         * @return this builder
         */
        public Builder codecForEveryCache(ValueCodec codec) {
            this.everyCacheCodec = Objects.requireNonNull(codec, "codec cannot be null");
            return this;
        }

        /**
         * @param period how often the lease keeper looks for leases to renew; {@link Duration#ZERO}
         *     for none (tests that renew by hand)
         * @return this builder
         */
        public Builder renewalPeriod(Duration period) {
            Objects.requireNonNull(period, "period cannot be null");
            if (period.isNegative()) {
                throw new IllegalArgumentException("renewal period cannot be negative: " + period);
            }
            this.renewalPeriod = period;
            return this;
        }

        /**
         * @param maxEntries how many local copies each cache keeps at most in this JVM; 0 turns the
         *     local tier off for every cache
         * @return this builder
         */
        public Builder localTierMaxEntries(int maxEntries) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("local tier max entries cannot be negative: " + maxEntries);
            }
            this.localTierMaxEntries = maxEntries;
            return this;
        }

        /**
         * @param shared whether callers of this JVM that arrive while a store read of their key runs
         *     share its result (default {@code true}; stores that keep references in this JVM never
         *     share, their reads cost nothing); {@code false}: every caller reads the store itself
         * @return this builder
         */
        public Builder sharedReads(boolean shared) {
            this.sharedReads = shared;
            return this;
        }

        /** @return a new engine */
        public DogpileEngine build() {
            return new DogpileEngine(this);
        }
    }
}
