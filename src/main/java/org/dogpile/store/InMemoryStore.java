package org.dogpile.store;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A {@link DogpileStore} in this JVM's heap: for single-JVM applications and for tests.
 *
 * <p>Entries past their hard TTL are dropped when read and swept every few thousand writes.
 * The clock is injectable, so tests can move time by hand:
 * <pre>{@code
 * AtomicLong millis = new AtomicLong();
 * DogpileStore store = new InMemoryStore(millis::get);
 * }</pre>
 */
public final class InMemoryStore implements DogpileStore {

    private static final int SWEEP_EVERY_PUTS = 4096;

    private final ConcurrentMap<String, ConcurrentMap<String, StoredEntry>> caches = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> lockEntries = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final OwnerTokenLocks locks;
    private final AtomicInteger putsSinceSweep = new AtomicInteger();

    /** Creates a store on the system clock. */
    public InMemoryStore() {
        this(System::currentTimeMillis);
    }

    /**
     * Creates a store on the given clock.
     *
     * @param clock the current time in milliseconds
     */
    public InMemoryStore(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        this.locks = new OwnerTokenLocks(new LockTable() {
            @Override
            public String get(String lockKey) {
                return lockEntries.get(lockKey);
            }

            @Override
            public boolean putIfAbsent(String lockKey, String value, long ttlMillis) {
                return lockEntries.putIfAbsent(lockKey, value) == null;
            }

            @Override
            public boolean remove(String lockKey, String expected) {
                return lockEntries.remove(lockKey, expected);
            }
        }, clock);
    }

    @Override
    public long currentTimeMillis() {
        return clock.getAsLong();
    }

    @Override
    public CacheEntry get(String cache, String key) {
        ConcurrentMap<String, StoredEntry> entries = caches.get(cache);
        if (entries == null) {
            return null;
        }
        StoredEntry stored = entries.get(key);
        if (stored == null) {
            return null;
        }
        if (stored.isGoneAt(clock.getAsLong())) {
            entries.remove(key, stored);
            return null;
        }
        return stored.entry();
    }

    @Override
    public void put(String cache, String key, CacheEntry entry, long hardTtlMillis) {
        entries(cache).put(key, StoredEntry.of(entry, clock.getAsLong(), hardTtlMillis));
        if (putsSinceSweep.incrementAndGet() >= SWEEP_EVERY_PUTS) {
            putsSinceSweep.set(0);
            sweep();
        }
    }

    @Override
    public void remove(String cache, String key) {
        ConcurrentMap<String, StoredEntry> entries = caches.get(cache);
        if (entries != null) {
            entries.remove(key);
        }
    }

    @Override
    public void removeAll(String cache) {
        caches.remove(cache);
    }

    @Override
    public boolean markStale(String cache, String key) {
        ConcurrentMap<String, StoredEntry> entries = caches.get(cache);
        if (entries == null) {
            return false;
        }
        StoredEntry marked = entries.computeIfPresent(key,
            (k, stored) -> stored.asInvalidated());
        return marked != null;
    }

    @Override
    public void markAllStale(String cache) {
        ConcurrentMap<String, StoredEntry> entries = caches.get(cache);
        if (entries != null) {
            entries.replaceAll((k, stored) -> stored.asInvalidated());
        }
    }

    @Override
    public LockLease tryLock(String cache, String key, long leaseMillis) {
        return locks.tryLock(cache, key, leaseMillis);
    }

    @Override
    public boolean release(LockLease lease) {
        return locks.release(lease);
    }

    /**
     * The number of entries held, expired ones included until swept; for tests and metrics.
     *
     * @return the entry count
     */
    public int size() {
        return caches.values().stream().mapToInt(Map::size).sum();
    }

    private ConcurrentMap<String, StoredEntry> entries(String cache) {
        return caches.computeIfAbsent(cache, c -> new ConcurrentHashMap<>());
    }

    private void sweep() {
        long now = clock.getAsLong();
        caches.values().forEach(entries -> entries.values().removeIf(stored -> stored.isGoneAt(now)));
        lockEntries.values().removeIf(value -> LockLease.expiresAtOf(value) + OwnerTokenLocks.TTL_MARGIN_MILLIS <= now);
    }
}
