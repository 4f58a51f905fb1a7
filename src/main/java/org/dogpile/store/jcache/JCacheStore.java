package org.dogpile.store.jcache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.dogpile.store.BoundedCalls;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.EntryFormat;
import org.dogpile.store.EntryTable;
import org.dogpile.store.LockTable;
import org.dogpile.store.StoredEntry;

/**
 * A {@link DogpileStore} on any JSR-107 (JCache) provider: Hazelcast's member provider for a
 * cluster, Payara's own {@code CacheManager}, or a local provider such as Caffeine's.
 *
 * <pre>{@code
 * CachingProvider provider = Caching.getCachingProvider("com.hazelcast.cache.HazelcastMemberCachingProvider");
 * CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
 *     HazelcastCachingProvider.propertiesByInstanceItself(hazelcastInstance));
 * DogpileStore store = JCacheStore.builder(manager)
 *     .clock(() -> hazelcastInstance.getCluster().getClusterTime())
 *     .build();
 * }</pre>
 * Name the provider class whenever more than one provider is on the class path; with Hazelcast, the
 * no-argument {@code Caching.getCachingProvider()} picks the <em>client</em> provider. Use the default
 * URI and class loader on every member: Hazelcast puts both into the caches' names.
 *
 * <h2>Layout</h2>
 * Each cache is a {@code Cache<String, String>} named {@code dogpile.cache.<cache>}; a value is an
 * entry in the library's {@link EntryFormat}, held as a Latin-1 string (one character per byte), so
 * that every provider compares values in conditional writes by content ({@code String.equals}) and
 * nothing but strings is ever deserialized. Locks are entries of a second cache, {@code dogpile.locks}.
 * The standard API has no per-entry TTL: data caches expire an entry {@link Builder#maxHardTtl
 * maxHardTtl} after its last write, the lock cache {@link Builder#maxLease maxLease} plus two seconds
 * after its last write (a renewal is a write); whether an entry may be served is decided by the
 * engine from the times inside it. A cache created beforehand (say, in the provider's configuration)
 * is used as it is.
 *
 * <h2>Clock and time bounds</h2>
 * Ages and leases use {@link System#currentTimeMillis()} or the clock given to the builder; in a
 * cluster keep the members' clocks in sync, or pass the cluster time as above. Each call waits at
 * most {@link Builder#operationTimeout operationTimeout}; calls run on a small pool of daemon
 * threads (see {@link BoundedCalls}), which costs a thread hand-off per call.
 *
 * <p>Instances are thread-safe. Caches of this store must not be closed while it is in use.
 */
public final class JCacheStore implements DogpileStore, AutoCloseable {

    /** The default prefix of the per-cache JCache names. */
    public static final String DEFAULT_CACHE_NAME_PREFIX = "dogpile.cache.";
    /** The default name of the lock cache. */
    public static final String DEFAULT_LOCK_CACHE_NAME = "dogpile.locks";
    /** The default longest lease: 10 minutes. */
    public static final Duration DEFAULT_MAX_LEASE = Duration.ofMinutes(10);
    /** The default expiry of data caches after an entry's last write: one day. */
    public static final Duration DEFAULT_MAX_HARD_TTL = Duration.ofDays(1);

    /** Lock entries outlive their lease by this much, as in {@code OwnerTokenLocks}. */
    private static final long LOCK_TTL_MARGIN_MILLIS = 2_000;

    private final CacheManager manager;
    private final String cacheNamePrefix;
    private final LongSupplier clock;
    private final Duration maxHardTtl;
    private final Cache<String, String> lockCache;
    private final BoundedCalls calls;
    private final ConcurrentMap<String, Cache<String, String>> caches = new ConcurrentHashMap<>();
    private final Entries entries = new Entries();
    private final Locks locks = new Locks();

    /**
     * Creates a store with the default names on the system clock.
     *
     * @param manager an open cache manager
     */
    public JCacheStore(CacheManager manager) {
        this(builder(manager));
    }

    private JCacheStore(Builder builder) {
        this.manager = builder.manager;
        this.cacheNamePrefix = builder.cacheNamePrefix;
        this.clock = builder.clock;
        this.maxHardTtl = builder.maxHardTtl;
        this.lockCache = getOrCreate(builder.lockCacheName,
            builder.maxLease.plusMillis(LOCK_TTL_MARGIN_MILLIS));
        this.calls = new BoundedCalls(builder.operationTimeout);
    }

    /**
     * Starts configuring a store.
     *
     * @param manager an open cache manager
     * @return a builder with the defaults: prefix {@value #DEFAULT_CACHE_NAME_PREFIX}, lock cache
     *     {@value #DEFAULT_LOCK_CACHE_NAME}, system clock, {@link #DEFAULT_MAX_LEASE},
     *     {@link #DEFAULT_MAX_HARD_TTL}, {@link BoundedCalls#configuredTimeout()}
     */
    public static Builder builder(CacheManager manager) {
        return new Builder(manager);
    }

    /** @return the system time in milliseconds, or the clock given to the builder */
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

    /** Stops the pool that bounds calls; the caches stay open. */
    @Override
    public void close() {
        calls.close();
    }

    /**
     * The JCache cache holding a cache's entries, created on first use.
     *
     * @param cache the cache name
     * @return the JCache cache named prefix + cache
     */
    public Cache<String, String> cache(String cache) {
        Objects.requireNonNull(cache, "cache cannot be null");
        Cache<String, String> found = caches.get(cache);
        return found != null ? found : caches.computeIfAbsent(cache, c -> getOrCreate(cacheNamePrefix + c, maxHardTtl));
    }

    /** Creates the cache, or gets it when another member or thread created it first. */
    private Cache<String, String> getOrCreate(String name, Duration expiry) {
        Cache<String, String> cache = manager.getCache(name, String.class, String.class);
        if (cache != null) {
            return cache;
        }
        MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, expiry.toMillis())));
        try {
            return manager.createCache(name, config);
        } catch (CacheException alreadyCreated) {
            cache = manager.getCache(name, String.class, String.class);
            if (cache == null) {
                throw alreadyCreated;
            }
            return cache;
        }
    }

    private static void checkTtl(long ttlMillis) {
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("ttlMillis must be positive: " + ttlMillis);
        }
    }

    private static String text(StoredEntry entry) {
        return new String(EntryFormat.encode(entry), StandardCharsets.ISO_8859_1);
    }

    private static String storedText(StoredEntry expected) {
        Object raw = EntryFormat.storedForm(expected);
        return raw instanceof String string ? string : new String((byte[]) raw, StandardCharsets.ISO_8859_1);
    }

    private static StoredEntry entry(String text) {
        if (text == null) {
            return null;
        }
        StoredEntry entry = EntryFormat.decode(text.getBytes(StandardCharsets.ISO_8859_1));
        return entry.isUnreadable() ? StoredEntry.unreadable(text) : entry;
    }

    private final class Entries implements EntryTable {

        @Override
        public StoredEntry get(String cache, String key) {
            return entry(calls.call(op("read", cache), () -> cache(cache).get(key)));
        }

        @Override
        public boolean putIfAbsent(String cache, String key, StoredEntry entry, long ttlMillis) {
            checkTtl(ttlMillis);
            String text = text(entry);
            return calls.call(op("write", cache), () -> cache(cache).putIfAbsent(key, text));
        }

        @Override
        public boolean replace(String cache, String key, StoredEntry expected, StoredEntry replacement, long ttlMillis) {
            checkTtl(ttlMillis);
            String old = storedText(expected);
            String text = text(replacement);
            return calls.call(op("write", cache), () -> cache(cache).replace(key, old, text));
        }

        @Override
        public boolean remove(String cache, String key, StoredEntry expected) {
            String old = storedText(expected);
            return calls.call(op("remove", cache), () -> cache(cache).remove(key, old));
        }

        @Override
        public void remove(String cache, String key) {
            calls.call(op("remove", cache), () -> cache(cache).remove(key));
        }

        @Override
        public void clear(String cache) {
            calls.call(op("clear", cache), () -> {
                cache(cache).removeAll();
                return null;
            });
        }

        @Override
        public Collection<String> keys(String cache) {
            return calls.call(op("list keys", cache), () -> {
                List<String> keys = new ArrayList<>();
                for (Cache.Entry<String, String> entry : cache(cache)) {
                    keys.add(entry.getKey());
                }
                return keys;
            });
        }

        @Override
        public void keep(String cache, String key, long ttlMillis) {
            // entries live maxHardTtl after their last write, longer than any lease: nothing to do
        }
    }

    private final class Locks implements LockTable {

        @Override
        public String get(String lockKey) {
            return calls.call("jcache lock read", () -> lockCache.get(lockKey));
        }

        @Override
        public boolean putIfAbsent(String lockKey, String value, long ttlMillis) {
            return calls.call("jcache lock", () -> lockCache.putIfAbsent(lockKey, value));
        }

        @Override
        public boolean replace(String lockKey, String expected, String value, long ttlMillis) {
            return calls.call("jcache lock renewal", () -> lockCache.replace(lockKey, expected, value));
        }

        @Override
        public boolean remove(String lockKey, String expected) {
            return calls.call("jcache unlock", () -> lockCache.remove(lockKey, expected));
        }
    }

    private static String op(String operation, String cache) {
        return "jcache " + operation + " in cache '" + cache + "'";
    }

    /** Configures a {@link JCacheStore}. Not thread-safe. */
    public static final class Builder {
        private final CacheManager manager;
        private String cacheNamePrefix = DEFAULT_CACHE_NAME_PREFIX;
        private String lockCacheName = DEFAULT_LOCK_CACHE_NAME;
        private LongSupplier clock = System::currentTimeMillis;
        private Duration maxHardTtl = DEFAULT_MAX_HARD_TTL;
        private Duration maxLease = DEFAULT_MAX_LEASE;
        private Duration operationTimeout = BoundedCalls.configuredTimeout();

        private Builder(CacheManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager cannot be null");
        }

        /**
         * @param prefix the prefix of each cache's JCache name; the cache name follows it
         * @return this builder
         */
        public Builder cacheNamePrefix(String prefix) {
            this.cacheNamePrefix = Objects.requireNonNull(prefix, "prefix cannot be null");
            return this;
        }

        /**
         * @param name the name of the cache holding the regeneration locks; every member must use the same
         * @return this builder
         */
        public Builder lockCacheName(String name) {
            this.lockCacheName = Objects.requireNonNull(name, "name cannot be null");
            return this;
        }

        /**
         * @param clock the current time in milliseconds; every member of a cluster must agree on it
         * @return this builder
         */
        public Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /**
         * @param maxHardTtl how long data caches this store creates keep an entry after its last
         *     write; at least the longest hard TTL of any policy using this store
         * @return this builder
         */
        public Builder maxHardTtl(Duration maxHardTtl) {
            this.maxHardTtl = requirePositive("maxHardTtl", maxHardTtl);
            return this;
        }

        /**
         * @param maxLease how long the lock cache keeps a lock after its last write, less two seconds;
         *     at least the longest lease of any policy using this store
         * @return this builder
         */
        public Builder maxLease(Duration maxLease) {
            this.maxLease = requirePositive("maxLease", maxLease);
            return this;
        }

        /**
         * @param timeout how long one store operation may take before it fails; positive
         * @return this builder
         */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = requirePositive("operationTimeout", timeout);
            return this;
        }

        /**
         * Creates the store, creating the lock cache unless it exists.
         *
         * @return a new store
         * @throws IllegalArgumentException when the lock cache name starts with the cache name prefix
         */
        public JCacheStore build() {
            if (lockCacheName.startsWith(cacheNamePrefix)) {
                throw new IllegalArgumentException("lock cache name must not start with the cache name prefix '"
                    + cacheNamePrefix + "': " + lockCacheName);
            }
            return new JCacheStore(this);
        }

        private static Duration requirePositive(String name, Duration value) {
            Objects.requireNonNull(value, () -> name + " cannot be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
