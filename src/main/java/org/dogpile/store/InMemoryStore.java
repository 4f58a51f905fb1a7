package org.dogpile.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A {@link DogpileStore} in this JVM's heap: for single-JVM applications and for tests. Values are
 * kept as references (no encoding), so a hit hands out the very instance that was stored.
 *
 * <p>Entries whose cleanup TTL has run out count as absent for writes and are dropped in a sweep
 * every few thousand writes. The clock is injectable, so tests can move time by hand:
 * <pre>{@code
 * AtomicLong millis = new AtomicLong();
 * DogpileStore store = new InMemoryStore(millis::get);
 * }</pre>
 */
public final class InMemoryStore implements DogpileStore {

    private static final int SWEEP_EVERY_WRITES = 4096;

    /** An entry and the end of its cleanup TTL. */
    private record Held(StoredEntry entry, long keepUntil) { }

    private final LongSupplier clock;
    private final Entries entries = new Entries();
    private final Locks locks = new Locks();

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
    }

    @Override
    public long currentTimeMillis() {
        return clock.getAsLong();
    }

    @Override
    public EntryTable entries() {
        return entries;
    }

    @Override
    public LockTable locks() {
        return locks;
    }

    private long keepUntil(long ttlMillis) {
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("ttlMillis must be positive: " + ttlMillis);
        }
        return OwnerTokenLocks.saturatedAdd(clock.getAsLong(), ttlMillis);
    }

    private final class Entries implements EntryTable {
        private final ConcurrentMap<String, ConcurrentMap<String, Held>> caches = new ConcurrentHashMap<>();
        private final AtomicInteger writesSinceSweep = new AtomicInteger();

        @Override
        public boolean keepsReferences() {
            return true;
        }

        @Override
        public StoredEntry get(String cache, String key) {
            // no clock read: whether an entry may be served is the engine's call (StoredEntry.removeAt)
            Map<String, Held> table = caches.get(cache);
            Held held = table == null ? null : table.get(key);
            return held == null ? null : held.entry();
        }

        @Override
        public boolean putIfAbsent(String cache, String key, StoredEntry entry, long ttlMillis) {
            Held fresh = new Held(Objects.requireNonNull(entry, "entry cannot be null"), keepUntil(ttlMillis));
            long now = clock.getAsLong();
            boolean[] written = {false};
            table(cache).compute(key, (k, held) -> {
                if (held != null && held.keepUntil() > now) {
                    return held;
                }
                written[0] = true;
                return fresh;
            });
            return counted(written[0]);
        }

        @Override
        public boolean replace(String cache, String key, StoredEntry expected, StoredEntry replacement, long ttlMillis) {
            Held fresh = new Held(Objects.requireNonNull(replacement, "replacement cannot be null"), keepUntil(ttlMillis));
            boolean[] written = {false};
            table(cache).computeIfPresent(key, (k, held) -> {
                if (!held.entry().sameWriteAs(expected)) {
                    return held;
                }
                written[0] = true;
                return fresh;
            });
            return counted(written[0]);
        }

        @Override
        public boolean remove(String cache, String key, StoredEntry expected) {
            Map<String, Held> table = caches.get(cache);
            Held held = table == null ? null : table.get(key);
            return held != null && held.entry().sameWriteAs(expected) && table.remove(key, held);
        }

        @Override
        public void remove(String cache, String key) {
            Map<String, Held> table = caches.get(cache);
            if (table != null) {
                table.remove(key);
            }
        }

        @Override
        public void clear(String cache) {
            Map<String, Held> table = caches.get(cache);
            if (table != null) {
                table.clear();
            }
        }

        @Override
        public List<String> keys(String cache) {
            Map<String, Held> table = caches.get(cache);
            return table == null ? List.of() : List.copyOf(table.keySet());
        }

        @Override
        public void keep(String cache, String key, long ttlMillis) {
            long until = keepUntil(ttlMillis);
            table(cache).computeIfPresent(key, (k, held) ->
                held.keepUntil() >= until ? held : new Held(held.entry(), until));
        }

        private ConcurrentMap<String, Held> table(String cache) {
            return caches.computeIfAbsent(Objects.requireNonNull(cache, "cache cannot be null"),
                c -> new ConcurrentHashMap<>());
        }

        private boolean counted(boolean written) {
            if (written && writesSinceSweep.incrementAndGet() >= SWEEP_EVERY_WRITES) {
                writesSinceSweep.set(0);
                long now = clock.getAsLong();
                caches.values().forEach(table -> table.values().removeIf(held -> held.keepUntil() <= now));
            }
            return written;
        }
    }

    private static final class Locks implements LockTable {
        private final ConcurrentMap<String, String> leases = new ConcurrentHashMap<>();

        @Override
        public String get(String lockKey) {
            return leases.get(lockKey);
        }

        @Override
        public boolean putIfAbsent(String lockKey, String value, long ttlMillis) {
            return leases.putIfAbsent(lockKey, value) == null;
        }

        @Override
        public boolean replace(String lockKey, String expected, String value, long ttlMillis) {
            return leases.replace(lockKey, expected, value);
        }

        @Override
        public boolean remove(String lockKey, String expected) {
            return leases.remove(lockKey, expected);
        }
    }
}
