package org.dogpile.store.hazelcast;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.LockLease;
import org.dogpile.store.LockTable;
import org.dogpile.store.OwnerTokenLocks;

/**
 * A {@link DogpileStore} on a Hazelcast cluster: entries and regeneration locks are shared by every
 * member, so one caller in the whole cluster regenerates a key.
 *
 * <pre>{@code
 * DogpileStore store = new HazelcastStore(hazelcastInstance);
 * // or, to change names:
 * DogpileStore store = HazelcastStore.builder(hazelcastInstance)
 *     .cacheMapPrefix("myapp.cache.")
 *     .lockMapName("myapp.locks")
 *     .build();
 * }</pre>
 *
 * <h2>Layout</h2>
 * Each cache is one {@code IMap<String, CacheEntry>} named {@code dogpile.cache.<cache>}; configure
 * eviction, backups and near caches with a wildcard map config {@code dogpile.cache.*} (keep the
 * default {@code BINARY} in-memory format: soft invalidation compares serialized values). Every
 * entry is put with the hard TTL the engine asks for, rounded <em>up</em> to whole seconds because
 * Hazelcast keeps map TTLs in whole seconds; the engine's hard TTL already carries a one-second
 * margin for the truncation of the entry's creation time, and freshness never depends on the map
 * TTL (it is decided by {@link CacheEntry#createdAt()} on the cluster clock).
 *
 * <p>Regeneration locks live in a separate map, {@code dogpile.locks}, never on the data entry (a
 * locked Hazelcast entry is neither expired nor evicted). The store's clock is the cluster time
 * ({@code Cluster.getClusterTime()}), so members with skewed wall clocks agree on ages and leases.
 *
 * <h2>Why owner tokens instead of {@code IMap.lock}</h2>
 * Hazelcast's own {@code IMap.lock}/{@code tryLock} locks belong to the thread that took them, and
 * unlocking after the lease ran out throws {@code IllegalMonitorStateException}. The engine needs
 * neither: a regeneration may finish on another thread (background regeneration, asynchronous
 * methods), and a lease must be decided by the cluster clock, not by a TTL that Hazelcast truncates
 * to whole seconds. So a lock is an entry {@code lockKey -> token@expiresAt} handled by
 * {@link OwnerTokenLocks}: taken with {@code putIfAbsent}, taken over once its lease has run out
 * (cluster time) by removing exactly the expired value and putting a new one, released with
 * {@code remove(key, ownValue)}. A release after the lease ran out therefore never frees another
 * owner's lock and never throws: {@link #release} returns {@code false}. The lock entries carry a
 * TTL of lease plus two seconds (rounded up), so the locks of a crashed member clean themselves up;
 * with the default backup count of 1 a lock survives the loss of the member that owns its
 * partition, and its lease runs out on the cluster clock as usual.
 *
 * <h2>Soft invalidation</h2>
 * {@link #markStale} replaces the entry atomically with {@code replace(key, old, old.asInvalidated())}
 * (retried when a concurrent write wins) and then restores the entry's remaining TTL, because
 * Hazelcast's {@code replace} resets an entry's TTL to the map's default (checked on 5.3 and 5.7).
 * Nothing runs on the members but plain map operations: no entry processor, so no class of this
 * library or of the application has to be deployed to the members. Should the value's serialized
 * form not be stable (say, a value holding a {@code HashMap} whose iteration order changes on
 * copy), the atomic replace cannot match and the store falls back to replacing whatever value is
 * present; a regeneration racing that fallback may then be marked stale too and regenerated once
 * more. {@link #markAllStale} marks each key of the cache's map in turn.
 *
 * <h2>Serialization and security</h2>
 * Entries are stored with Java serialization ({@link CacheEntry} is {@code Serializable}), so every
 * cached value must be {@code java.io.Serializable} and its classes loadable on every member that
 * reads it; a value that cannot be serialized fails {@link #put} with an
 * {@link IllegalArgumentException} naming its type, the cache and the key, and the engine releases
 * the lock. Java deserialization of data that other members wrote is a classic attack surface:
 * configure a deserialization filter for the cluster, either the JVM-wide {@code jdk.serialFilter}
 * or Hazelcast's own allow list, for example:
 * <pre>{@code
 * JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
 * filter.getWhitelist()
 *     .addClasses(CacheEntry.class.getName())
 *     .addPrefixes("com.example.prices.");     // the application's value classes
 * config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
 * }</pre>
 *
 * <p>The code uses only Hazelcast APIs present in 5.3 (as bundled with Payara 6) and later.
 * Instances are thread-safe.
 */
public final class HazelcastStore implements DogpileStore {

    /** The default prefix of the per-cache map names. */
    public static final String DEFAULT_CACHE_MAP_PREFIX = "dogpile.cache.";
    /** The default name of the lock map. */
    public static final String DEFAULT_LOCK_MAP_NAME = "dogpile.locks";

    /** How often {@link #markStale} retries the atomic replace before falling back. */
    private static final int MARK_STALE_ATTEMPTS = 8;

    private final HazelcastInstance hazelcast;
    private final String cacheMapPrefix;
    private final IMap<String, String> lockMap;
    private final LongSupplier clock;
    private final OwnerTokenLocks locks;
    private final ConcurrentMap<String, IMap<String, CacheEntry>> maps = new ConcurrentHashMap<>();

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
        this.locks = new OwnerTokenLocks(new MapLockTable(lockMap), clock);
    }

    /**
     * Starts configuring a store.
     *
     * @param hazelcast a running member or client of the cluster
     * @return a builder with the defaults: prefix {@value #DEFAULT_CACHE_MAP_PREFIX}, lock map
     *     {@value #DEFAULT_LOCK_MAP_NAME}, cluster time
     */
    public static Builder builder(HazelcastInstance hazelcast) {
        return new Builder(hazelcast);
    }

    /** @return the cluster time in milliseconds, or the clock given to the builder */
    @Override
    public long currentTimeMillis() {
        return clock.getAsLong();
    }

    /**
     * Reads an entry.
     *
     * @throws IllegalStateException when the stored entry cannot be deserialized here (a class
     *     missing on this member, or refused by a deserialization filter); the message names the
     *     cache and the key
     */
    @Override
    public CacheEntry get(String cache, String key) {
        try {
            return map(cache).get(key);
        } catch (HazelcastSerializationException e) {
            throw new IllegalStateException("cannot read cache '" + cache + "' key '" + key
                + "': Hazelcast cannot deserialize the stored entry: " + e.getMessage(), e);
        }
    }

    /**
     * Stores the entry with the hard TTL rounded up to whole seconds.
     *
     * @throws IllegalArgumentException when Hazelcast cannot serialize the value; the message names
     *     the value's type, the cache and the key
     */
    @Override
    public void put(String cache, String key, CacheEntry entry, long hardTtlMillis) {
        Objects.requireNonNull(entry, "entry cannot be null");
        if (hardTtlMillis <= 0) {
            throw new IllegalArgumentException("hardTtlMillis must be positive: " + hardTtlMillis);
        }
        try {
            map(cache).set(key, entry, wholeSecondsUp(hardTtlMillis), TimeUnit.MILLISECONDS);
        } catch (HazelcastSerializationException e) {
            Object value = entry.value();
            throw new IllegalArgumentException("cannot store a value of type "
                + (value == null ? "null" : value.getClass().getName()) + " in cache '" + cache + "' key '" + key
                + "': Hazelcast cannot serialize it (cached values must be java.io.Serializable): "
                + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String cache, String key) {
        map(cache).delete(key);
    }

    @Override
    public void removeAll(String cache) {
        map(cache).clear();
    }

    @Override
    public boolean markStale(String cache, String key) {
        IMap<String, CacheEntry> map = map(cache);
        for (int attempt = 0; attempt < MARK_STALE_ATTEMPTS; attempt++) {
            EntryView<String, CacheEntry> view = map.getEntryView(key);
            if (view == null) {
                return false;
            }
            CacheEntry current = view.getValue();
            if (current.invalidated()) {
                return true;
            }
            if (map.replace(key, current, current.asInvalidated())) {
                restoreTtl(map, key, view);
                return true;
            }
        }
        // the value's serialized form is not stable, so the atomic replace cannot match: replace what is there
        EntryView<String, CacheEntry> view = map.getEntryView(key);
        if (view == null) {
            return false;
        }
        if (!view.getValue().invalidated() && map.replace(key, view.getValue().asInvalidated()) != null) {
            restoreTtl(map, key, view);
        }
        return true;
    }

    @Override
    public void markAllStale(String cache) {
        IMap<String, CacheEntry> map = map(cache);
        for (String key : map.keySet()) {
            markStale(cache, key);
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
     * The map holding a cache's entries, for configuration checks and monitoring.
     *
     * @param cache the cache name
     * @return the map named prefix + cache
     */
    public IMap<String, CacheEntry> map(String cache) {
        Objects.requireNonNull(cache, "cache cannot be null");
        return maps.computeIfAbsent(cache, c -> hazelcast.getMap(cacheMapPrefix + c));
    }

    /** @return the map holding the regeneration locks */
    public IMap<String, String> lockMap() {
        return lockMap;
    }

    /** Gives a replaced entry the TTL it had left before {@code replace} reset it to the map's default. */
    private static void restoreTtl(IMap<String, CacheEntry> map, String key, EntryView<String, CacheEntry> before) {
        long ttl = before.getTtl();
        if (ttl <= 0 || ttl == Long.MAX_VALUE) {
            return; // the entry had no TTL of its own
        }
        long remaining = before.getExpirationTime() - System.currentTimeMillis(); // the member's clock, as Hazelcast's
        map.setTtl(key, wholeSecondsUp(Math.max(1, remaining)), TimeUnit.MILLISECONDS);
    }

    /** Hazelcast truncates TTLs to whole seconds: round up so that an entry never lives shorter. */
    static long wholeSecondsUp(long millis) {
        return Math.addExact(millis, 999) / 1000 * 1000;
    }

    /** Lock entries in a Hazelcast map, with TTLs rounded up to whole seconds. */
    private static final class MapLockTable implements LockTable {
        private final IMap<String, String> map;

        MapLockTable(IMap<String, String> map) {
            this.map = map;
        }

        @Override
        public String get(String lockKey) {
            return map.get(lockKey);
        }

        @Override
        public boolean putIfAbsent(String lockKey, String value, long ttlMillis) {
            return map.putIfAbsent(lockKey, value, wholeSecondsUp(ttlMillis), TimeUnit.MILLISECONDS) == null;
        }

        @Override
        public boolean remove(String lockKey, String expected) {
            return map.remove(lockKey, expected);
        }
    }

    /** Configures a {@link HazelcastStore}. Not thread-safe; {@link #build()} may be called repeatedly. */
    public static final class Builder {
        private final HazelcastInstance hazelcast;
        private String cacheMapPrefix = DEFAULT_CACHE_MAP_PREFIX;
        private String lockMapName = DEFAULT_LOCK_MAP_NAME;
        private LongSupplier clock;

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
         * @return a new store
         * @throws IllegalArgumentException when the lock map name starts with the cache map prefix
         *     (a cache could then share the lock map)
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
