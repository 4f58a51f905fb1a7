package org.dogpile.store.hazelcast;

import static java.lang.System.Logger.Level.WARNING;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import com.hazelcast.map.listener.MapEvictedListener;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.dogpile.store.BoundedCalls;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.EntryFormat;
import org.dogpile.store.EntryTable;
import org.dogpile.store.LockTable;
import org.dogpile.store.StoreException;
import org.dogpile.store.StoredEntry;

/**
 * A {@link DogpileStore} on a Hazelcast cluster (a member or a client): entries and regeneration
 * locks are shared by every member, so one caller in the whole cluster regenerates a key.
 *
 * <pre>{@code
 * DogpileStore store = new HazelcastStore(hazelcastInstance);
 * // or, to change names and the time bound:
 * DogpileStore store = HazelcastStore.builder(hazelcastInstance)
 *     .cacheMapPrefix("myapp.cache.")
 *     .lockMapName("myapp.locks")
 *     .operationTimeout(Duration.ofMillis(300))
 *     .build();
 * }</pre>
 *
 * <h2>Layout</h2>
 * Each cache is one {@code IMap<String, byte[]>} named {@code dogpile.cache.<cache>}; its values are
 * entries in the library's own {@link EntryFormat}, so Hazelcast handles plain byte arrays and no
 * class of the application has to be on the members' class path (client/server topologies included).
 *
 * <h2>Operations that deserialize nothing</h2>
 * A plain {@code IMap.get} deserializes whatever a map holds, so a stranger who can write into the
 * grid could plant a Java-serialized gadget. Reads therefore go through {@link ByteArrayRead}, an
 * entry processor that returns the stored value only when it is a byte array, on the key's owner;
 * lock reads, {@code putIfAbsent} (which hands back what it finds) and the key listing go through
 * the processors of {@link GridForms}, which build only strings and byte arrays; entry events are
 * used only when their key is a string; removals use {@code delete} and TTL changes
 * {@code setTtl}, which read no value back. The processors need this library's classes on the
 * members (embedded members, and application instances of WildFly or Weld SE, have them). Where
 * the members cannot run them (a dedicated cluster without the library, Payara's data grid) the
 * first call says so once ({@code DOGPILE-2509}) and plain map calls are used: then configure a
 * Java serialization filter on every member and client.
 * Regeneration locks live in a separate map, {@code dogpile.locks}, never on
 * the data entry (a locked Hazelcast entry is neither expired nor evicted). The store's clock is the
 * cluster time, so members with skewed wall clocks agree on ages and leases. Hazelcast keeps TTLs in
 * whole seconds, so every TTL is rounded up; freshness and the hard TTL never depend on it (they are
 * decided by the times inside the entry).
 *
 * <h2>Conditional writes</h2>
 * {@code putIfAbsent}, {@code replace(key, old, new)} and {@code remove(key, old)} compare serialized
 * forms, here the exact bytes of the entry read before. {@code replace} resets an entry's TTL to the
 * map's default (checked on 5.3 and 5.7), so it is followed by {@code setTtl} with the TTL the engine
 * asks for; the engine always asks for the entry's full hard TTL from now, so a write that lands in
 * between keeps a TTL at most a rounding away from its own.
 *
 * <h2>Time bounds</h2>
 * With a member frozen, a plain map call waits for Hazelcast's failure detection (about a minute).
 * Every call here waits at most {@link Builder#operationTimeout operationTimeout} (default
 * {@link BoundedCalls#configuredTimeout()}): asynchronous operations are awaited, the rest run on a small pool
 * of daemon threads (see {@link BoundedCalls}); past it the call throws {@code StoreException}.
 *
 * <p>The code uses only Hazelcast APIs present in 5.3 (as bundled with Payara 6) and later.
 * Instances are thread-safe; {@link #close()} stops the call pool (not the Hazelcast instance).
 */
public final class HazelcastStore implements DogpileStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HazelcastStore.class.getName());

    /** The default prefix of the per-cache map names. */
    public static final String DEFAULT_CACHE_MAP_PREFIX = "dogpile.cache.";
    /** The default name of the lock map. */
    public static final String DEFAULT_LOCK_MAP_NAME = "dogpile.locks";

    private final HazelcastInstance hazelcast;
    private final String cacheMapPrefix;
    private final IMap<String, String> lockMap;
    private final LongSupplier clock;
    private final BoundedCalls calls;
    private final ConcurrentMap<String, IMap<String, byte[]>> maps = new ConcurrentHashMap<>();
    private final Entries entries = new Entries();
    /** Whether the members run the library's processors ({@link ByteArrayRead}, {@link GridForms}); off once they showed they cannot. */
    private volatile boolean processorsOnMembers = true;
    private final Locks locks = new Locks();

    /**
     * Creates a store with the default map names on the cluster clock.
     *
     * @param hazelcast a running member or client of the cluster
     */
    public HazelcastStore(HazelcastInstance hazelcast) {
        this(builder(hazelcast));
    }

    private HazelcastStore(Builder builder) {
        this.hazelcast = builder.hazelcast;
        this.cacheMapPrefix = builder.cacheMapPrefix;
        this.lockMap = hazelcast.getMap(builder.lockMapName);
        HazelcastInstance instance = hazelcast;
        this.clock = builder.clock != null ? builder.clock : () -> instance.getCluster().getClusterTime();
        this.calls = new BoundedCalls(builder.operationTimeout);
    }

    /**
     * Starts configuring a store.
     *
     * @param hazelcast a running member or client of the cluster
     * @return a builder with the defaults: prefix {@value #DEFAULT_CACHE_MAP_PREFIX}, lock map
     *     {@value #DEFAULT_LOCK_MAP_NAME}, cluster time, {@link BoundedCalls#configuredTimeout()}
     */
    public static Builder builder(HazelcastInstance hazelcast) {
        return new Builder(hazelcast);
    }

    /** @return the cluster time in milliseconds, or the clock given to the builder */
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

    /**
     * The map holding a cache's entries, for configuration checks and monitoring.
     *
     * @param cache the cache name
     * @return the map named prefix + cache
     */
    public IMap<String, byte[]> map(String cache) {
        Objects.requireNonNull(cache, "cache cannot be null");
        IMap<String, byte[]> map = maps.get(cache);
        return map != null ? map : maps.computeIfAbsent(cache, c -> hazelcast.getMap(cacheMapPrefix + c));
    }

    /** @return the map holding the regeneration locks */
    public IMap<String, String> lockMap() {
        return lockMap;
    }

    /** Stops the pool that bounds blocking calls; the Hazelcast instance stays up. */
    @Override
    public void close() {
        calls.close();
    }

    /** Hazelcast truncates TTLs to whole seconds: round up so that an entry never lives shorter. */
    static long wholeSecondsUp(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("ttlMillis must be positive: " + millis);
        }
        return millis >= Long.MAX_VALUE - 999 ? Long.MAX_VALUE / 1000 * 1000 : (millis + 999) / 1000 * 1000;
    }

    private final class Entries implements EntryTable {

        @Override
        public boolean publishesChanges() {
            return true;
        }

        @Override
        public void subscribe(String cache, ChangeListener listener) {
            IMap<String, byte[]> map = map(cache);
            calls.call(op("subscribe", cache), () -> map.addEntryListener(new Changes(listener), false));
        }

        @Override
        public StoredEntry get(String cache, String key) {
            IMap<String, byte[]> map = map(cache);
            return EntryFormat.decode(onMembers(
                () -> calls.await(op("read", cache), anyValues(map).submitToKey(key, ByteArrayRead.INSTANCE)),
                () -> calls.await(op("read", cache), map.getAsync(key))));
        }

        @Override
        public boolean putIfAbsent(String cache, String key, StoredEntry entry, long ttlMillis) {
            byte[] bytes = EntryFormat.encode(entry);
            long ttl = wholeSecondsUp(ttlMillis);
            IMap<String, byte[]> map = map(cache);
            return onMembers(
                () -> calls.await(op("write", cache), anyValues(map).submitToKey(key, new GridForms.PutIfAbsent(bytes, ttl))),
                () -> calls.call(op("write", cache), () -> map.putIfAbsent(key, bytes, ttl, TimeUnit.MILLISECONDS) == null));
        }

        @Override
        public boolean replace(String cache, String key, StoredEntry expected, StoredEntry replacement, long ttlMillis) {
            Object old = EntryFormat.storedForm(expected);
            byte[] bytes = EntryFormat.encode(replacement);
            long ttl = wholeSecondsUp(ttlMillis);
            return calls.call(op("write", cache), () -> {
                IMap<String, byte[]> map = map(cache);
                @SuppressWarnings("unchecked")
                boolean replaced = ((IMap<String, Object>) (IMap<String, ?>) map).replace(key, old, bytes);
                if (replaced) {
                    map.setTtl(key, ttl, TimeUnit.MILLISECONDS);
                }
                return replaced;
            });
        }

        @Override
        public boolean remove(String cache, String key, StoredEntry expected) {
            Object old = EntryFormat.storedForm(expected);
            return calls.call(op("remove", cache), () -> map(cache).remove(key, old));
        }

        @Override
        public void remove(String cache, String key) {
            calls.call(op("remove", cache), () -> {
                map(cache).delete(key); // delete, not remove: the old value is never read back (or deserialized)
                return null;
            });
        }

        @Override
        public void clear(String cache) {
            calls.call(op("clear", cache), () -> {
                map(cache).clear();
                return null;
            });
        }

        @Override
        public Collection<String> keys(String cache) {
            IMap<String, byte[]> map = map(cache);
            return onMembers(
                () -> calls.call(op("list keys", cache), () -> anyValues(map).project(GridForms.StringKeys.INSTANCE)
                    .stream().filter(Objects::nonNull).toList()),
                () -> calls.call(op("list keys", cache), () -> List.copyOf(map.keySet())));
        }

        @Override
        public void keep(String cache, String key, long ttlMillis) {
            long ttl = wholeSecondsUp(ttlMillis);
            // setTtl, not getEntryView first: that would deserialize the value; the engine asks for no less
            // than the entry's own remaining hard TTL, so this never shortens it
            calls.call(op("keep", cache), () -> map(cache).setTtl(key, ttl, TimeUnit.MILLISECONDS));
        }
    }

    /** Hazelcast's entry events for one map, keys only. */
    private static final class Changes implements EntryAddedListener<String, byte[]>,
            EntryUpdatedListener<String, byte[]>, EntryRemovedListener<String, byte[]>,
            EntryEvictedListener<String, byte[]>, EntryExpiredListener<String, byte[]>, MapClearedListener,
            MapEvictedListener {
        private final EntryTable.ChangeListener listener;

        Changes(EntryTable.ChangeListener listener) {
            this.listener = listener;
        }

        private void changed(EntryEvent<String, byte[]> event) {
            String key = GridForms.keyOf(event);
            if (key != null) {
                listener.changed(key);
            }
        }

        @Override
        public void entryAdded(EntryEvent<String, byte[]> event) {
            changed(event);
        }

        @Override
        public void entryUpdated(EntryEvent<String, byte[]> event) {
            changed(event);
        }

        @Override
        public void entryRemoved(EntryEvent<String, byte[]> event) {
            changed(event);
        }

        @Override
        public void entryEvicted(EntryEvent<String, byte[]> event) {
            changed(event);
        }

        @Override
        public void entryExpired(EntryEvent<String, byte[]> event) {
            changed(event);
        }

        @Override
        public void mapCleared(MapEvent event) {
            listener.cleared();
        }

        @Override
        public void mapEvicted(MapEvent event) {
            listener.cleared();
        }
    }

    private final class Locks implements LockTable {

        @Override
        public String get(String lockKey) {
            String held = onMembers(() -> calls.await("lock read", anyValues(lockMap).submitToKey(lockKey,
                GridForms.StringRead.INSTANCE)), () -> calls.await("lock read", lockMap.getAsync(lockKey)));
            if (GridForms.FOREIGN.equals(held)) {
                // what a stranger wrote where a lease belongs: remove it unread, as an unreadable entry is
                calls.call("unlock", () -> {
                    lockMap.delete(lockKey);
                    return null;
                });
                return null;
            }
            return held;
        }

        @Override
        public boolean putIfAbsent(String lockKey, String value, long ttlMillis) {
            long ttl = wholeSecondsUp(ttlMillis);
            return onMembers(
                () -> calls.await("lock", anyValues(lockMap).submitToKey(lockKey, new GridForms.PutIfAbsent(value, ttl))),
                () -> calls.call("lock", () -> lockMap.putIfAbsent(lockKey, value, ttl, TimeUnit.MILLISECONDS) == null));
        }

        @Override
        public boolean replace(String lockKey, String expected, String value, long ttlMillis) {
            long ttl = wholeSecondsUp(ttlMillis);
            return calls.call("lock renewal", () -> {
                boolean replaced = lockMap.replace(lockKey, expected, value);
                if (replaced) {
                    lockMap.setTtl(lockKey, ttl, TimeUnit.MILLISECONDS);
                }
                return replaced;
            });
        }

        @Override
        public boolean remove(String lockKey, String expected) {
            return calls.call("unlock", () -> lockMap.remove(lockKey, expected));
        }
    }

    /**
     * Runs an operation through the library's processors on the members; once the members showed
     * they cannot load them, says so once and runs the plain map operation instead.
     */
    private <T> T onMembers(java.util.function.Supplier<T> processor, java.util.function.Supplier<T> plain) {
        if (processorsOnMembers) {
            try {
                return processor.get();
            } catch (StoreException failure) {
                if (!isMissingOnMembers(failure)) {
                    throw failure;
                }
                processorsOnMembers = false;
                LOG.log(WARNING, () -> "DOGPILE-2509: the cluster's members cannot run the library's entry processors"
                    + " (its classes are not on their class path): using plain map calls, which let Hazelcast"
                    + " deserialize whatever the library's maps hold; configure a Java serialization filter on every"
                    + " member and client", failure);
            }
        }
        return plain.get();
    }

    @SuppressWarnings("unchecked")
    private static IMap<String, Object> anyValues(IMap<String, ?> map) {
        return (IMap<String, Object>) map;
    }

    /** Whether a call failed because the members could not load the library's processors (client/server, Payara). */
    private static boolean isMissingOnMembers(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.hazelcast.nio.serialization.HazelcastSerializationException
                    || cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError) {
                return true;
            }
        }
        return false;
    }

    private static String op(String operation, String cache) {
        return "hazelcast " + operation + " in cache '" + cache + "'";
    }

    /** Configures a {@link HazelcastStore}. Not thread-safe; {@link #build()} may be called repeatedly. */
    public static final class Builder {
        private final HazelcastInstance hazelcast;
        private String cacheMapPrefix = DEFAULT_CACHE_MAP_PREFIX;
        private String lockMapName = DEFAULT_LOCK_MAP_NAME;
        private LongSupplier clock;
        private Duration operationTimeout = BoundedCalls.configuredTimeout();

        private Builder(HazelcastInstance hazelcast) {
            this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast cannot be null");
        }

        /**
         * @param prefix the prefix of each cache's map name; the cache name follows it
         * @return this builder
         */
        public Builder cacheMapPrefix(String prefix) {
            this.cacheMapPrefix = Objects.requireNonNull(prefix, "prefix cannot be null");
            return this;
        }

        /**
         * @param name the name of the map holding the regeneration locks; every member must use the same
         * @return this builder
         */
        public Builder lockMapName(String name) {
            this.lockMapName = Objects.requireNonNull(name, "name cannot be null");
            return this;
        }

        /**
         * Replaces the cluster time, for tests that move time by hand. Every member must use the
         * same clock; map TTLs still run on Hazelcast's own clock.
         *
         * @param clock the current time in milliseconds
         * @return this builder
         */
        public Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /**
         * @param timeout how long one store operation may take before it fails; positive
         * @return this builder
         */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = Objects.requireNonNull(timeout, "timeout cannot be null");
            return this;
        }

        /**
         * @return a new store
         * @throws IllegalArgumentException when the lock map name starts with the cache map prefix
         *     (a cache could then share the lock map), or the timeout is not positive
         */
        public HazelcastStore build() {
            if (lockMapName.startsWith(cacheMapPrefix)) {
                throw new IllegalArgumentException("lock map name must not start with the cache map prefix '"
                    + cacheMapPrefix + "': " + lockMapName);
            }
            return new HazelcastStore(this);
        }
    }
}
