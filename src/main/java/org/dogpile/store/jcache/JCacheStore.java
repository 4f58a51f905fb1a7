package org.dogpile.store.jcache;

import static java.lang.System.Logger.Level.WARNING;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.LockLease;
import org.dogpile.store.LockTable;
import org.dogpile.store.OwnerTokenLocks;
import org.dogpile.store.StoredEntry;

/**
 * A {@link DogpileStore} on any JSR-107 (JCache) provider: Hazelcast's member provider for a
 * cluster, or a local provider such as Caffeine's.
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
 * URI and class loader on every member: Hazelcast puts both into the caches' names, so members with
 * a different URI would not share caches. (Several members in one JVM, as in tests, each need their
 * own {@code new HazelcastMemberCachingProvider()}, since a provider hands out one manager per URI
 * and class loader.)
 *
 * <h2>Layout and hard TTL</h2>
 * Each cache is a JCache cache named {@code dogpile.cache.<cache>}, created on first write with a
 * {@link MutableConfiguration} (store by value, so values are copied as a distributed cache would).
 * The standard JCache API has no per-entry TTL, so the hard TTL is kept twice:
 * <ul>
 * <li>exactly, with each entry: the store keeps the instant its hard TTL ends (store clock) next to
 *     the {@link CacheEntry}, and {@link #get} treats an entry past it as absent and removes it. An
 *     entry is never served longer than its hard TTL, whatever the cache configuration;</li>
 * <li>for memory, by the cache: a {@link CreatedExpiryPolicy} whose duration is
 *     {@link Builder#maxHardTtl(Duration) maxHardTtl} if set, else the hard TTL of the first write
 *     that creates the cache. Soft invalidation is an update, which this policy leaves alone. An
 *     entry with a longer hard TTL than the cache's expiry is dropped early (a warning says so once
 *     per cache); set {@code maxHardTtl} when a cache mixes policies. A cache created beforehand
 *     (say, in the provider's configuration) is used as it is.</li>
 * </ul>
 *
 * <h2>Locks</h2>
 * Regeneration locks are entries of a separate cache, {@code dogpile.locks}, handled by
 * {@link OwnerTokenLocks}: {@code putIfAbsent} to take, remove-the-expired-value then
 * {@code putIfAbsent} to take over a lock whose lease ran out (a fresh creation, so the cache's
 * expiry starts again), {@code remove(key, ownValue)} to release. That cache expires entries
 * {@link Builder#maxLease(Duration) maxLease} plus two seconds after creation, so locks of crashed
 * owners clean themselves up; a longer lease is refused.
 *
 * <h2>Clock</h2>
 * Ages and leases use {@link System#currentTimeMillis()} or the clock given to the builder. In a
 * cluster every member must agree on it: keep the members' clocks in sync (NTP), or, on Hazelcast,
 * pass the cluster time as above. ({@code HazelcastStore} uses the cluster time by itself.)
 *
 * <h2>Soft invalidation</h2>
 * {@link #markStale} uses the atomic {@code replace(key, old, old-marked-stale)}, retried when a
 * concurrent write wins. Providers compare the old value by equality (Caffeine) or by serialized
 * form (Hazelcast); for a value whose {@code equals} is identity, or whose serialized form changes
 * on copy, it cannot match, and the store falls back to replacing whatever value is present (a
 * regeneration racing it may then be marked stale too and regenerated once more). No entry
 * processor is used, so nothing has to be deployed to cluster members.
 *
 * <h2>Serialization</h2>
 * Distributed providers serialize entries, and with store-by-value local ones copy them by
 * serialization: cached values must be {@code java.io.Serializable}. A value that cannot be
 * serialized fails {@link #put} with an {@link IllegalArgumentException} naming its type, the cache
 * and the key. On a cluster, configure a Java deserialization filter ({@code jdk.serialFilter}, or
 * Hazelcast's {@code JavaSerializationFilterConfig}) that allows {@code org.dogpile.store.CacheEntry},
 * {@code org.dogpile.store.StoredEntry} and the application's value classes.
 *
 * <p>Instances are thread-safe. Caches of this store must not be closed or destroyed while it is
 * in use.
 */
public final class JCacheStore implements DogpileStore {

    /** The default prefix of the per-cache JCache names. */
    public static final String DEFAULT_CACHE_NAME_PREFIX = "dogpile.cache.";
    /** The default name of the lock cache. */
    public static final String DEFAULT_LOCK_CACHE_NAME = "dogpile.locks";
    /** The default longest lease: 10 minutes. */
    public static final Duration DEFAULT_MAX_LEASE = Duration.ofMinutes(10);

    private static final System.Logger LOG = System.getLogger(JCacheStore.class.getName());
    /** Lock entries outlive their lease by this much, as in {@code OwnerTokenLocks}. */
    private static final long LOCK_TTL_MARGIN_MILLIS = 2_000;
    private static final int MARK_STALE_ATTEMPTS = 8;

    /** A data cache and how long it keeps entries after their creation. */
    private record DataCache(Cache<String, StoredEntry> cache, long expiryMillis) { }

    private final CacheManager manager;
    private final String cacheNamePrefix;
    private final LongSupplier clock;
    private final Duration maxHardTtl;
    private final Cache<String, String> lockCache;
    private final long lockExpiryMillis;
    private final OwnerTokenLocks locks;
    private final ConcurrentMap<String, DataCache> caches = new ConcurrentHashMap<>();
    private final Set<String> warnedCaches = ConcurrentHashMap.newKeySet();

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
        MutableConfiguration<String, String> lockConfig = new MutableConfiguration<String, String>()
            .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS,
                    builder.maxLease.toMillis() + LOCK_TTL_MARGIN_MILLIS)));
        this.lockCache = getOrCreate(builder.lockCacheName, lockConfig);
        this.lockExpiryMillis = creationExpiryMillis(lockCache);
        this.locks = new OwnerTokenLocks(new CacheLockTable(), clock);
    }

    /**
     * Starts configuring a store.
     *
     * @param manager an open cache manager
     * @return a builder with the defaults: prefix {@value #DEFAULT_CACHE_NAME_PREFIX}, lock cache
     *     {@value #DEFAULT_LOCK_CACHE_NAME}, system clock, {@link #DEFAULT_MAX_LEASE}, cache expiry
     *     from the first write
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
    public CacheEntry get(String cache, String key) {
        DataCache data = existing(cache);
        if (data == null) {
            return null;
        }
        StoredEntry stored = data.cache().get(key);
        if (stored == null) {
            return null;
        }
        if (stored.isGoneAt(clock.getAsLong())) {
            data.cache().remove(key, stored);
            return null;
        }
        return stored.entry();
    }

    /**
     * Stores the entry; it is served for {@code hardTtlMillis} at most.
     *
     * @throws IllegalArgumentException when the provider cannot serialize the value; the message
     *     names the value's type, the cache and the key
     */
    @Override
    public void put(String cache, String key, CacheEntry entry, long hardTtlMillis) {
        Objects.requireNonNull(entry, "entry cannot be null");
        if (hardTtlMillis <= 0) {
            throw new IllegalArgumentException("hardTtlMillis must be positive: " + hardTtlMillis);
        }
        DataCache data = created(cache, hardTtlMillis);
        if (hardTtlMillis > data.expiryMillis() && warnedCaches.add(cache)) {
            LOG.log(WARNING, () -> "JCache cache '" + cacheNamePrefix + cache + "' expires entries "
                + data.expiryMillis() + " ms after creation, before the hard TTL of " + hardTtlMillis
                + " ms asked for key '" + key + "': stale values may be dropped early; set maxHardTtl");
        }
        try {
            data.cache().put(key, StoredEntry.of(entry, clock.getAsLong(), hardTtlMillis));
        } catch (RuntimeException e) {
            if (!isSerializationFailure(e)) {
                throw e;
            }
            Object value = entry.value();
            throw new IllegalArgumentException("cannot store a value of type "
                + (value == null ? "null" : value.getClass().getName()) + " in cache '" + cache + "' key '" + key
                + "': the JCache provider cannot serialize it (cached values must be java.io.Serializable): "
                + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String cache, String key) {
        DataCache data = existing(cache);
        if (data != null) {
            data.cache().remove(key);
        }
    }

    @Override
    public void removeAll(String cache) {
        DataCache data = existing(cache);
        if (data != null) {
            data.cache().clear();
        }
    }

    @Override
    public boolean markStale(String cache, String key) {
        DataCache data = existing(cache);
        if (data == null) {
            return false;
        }
        Cache<String, StoredEntry> entries = data.cache();
        for (int attempt = 0; attempt < MARK_STALE_ATTEMPTS; attempt++) {
            StoredEntry current = entries.get(key);
            if (current == null) {
                return false;
            }
            if (current.entry().invalidated() || entries.replace(key, current, current.asInvalidated())) {
                return true;
            }
        }
        // the value never compares equal to its copy: replace what is there
        StoredEntry current = entries.get(key);
        if (current == null) {
            return false;
        }
        if (!current.entry().invalidated()) {
            entries.replace(key, current.asInvalidated());
        }
        return true;
    }

    @Override
    public void markAllStale(String cache) {
        DataCache data = existing(cache);
        if (data == null) {
            return;
        }
        List<String> keys = new ArrayList<>();
        for (Cache.Entry<String, StoredEntry> entry : data.cache()) {
            keys.add(entry.getKey());
        }
        keys.forEach(key -> markStale(cache, key));
    }

    /**
     * @throws IllegalArgumentException when the lease is longer than the lock cache keeps entries
     *     ({@link Builder#maxLease(Duration)})
     */
    @Override
    public LockLease tryLock(String cache, String key, long leaseMillis) {
        if (leaseMillis > lockExpiryMillis - LOCK_TTL_MARGIN_MILLIS) {
            throw new IllegalArgumentException("lease of " + leaseMillis + " ms for cache '" + cache + "' key '" + key
                + "' is longer than the lock cache keeps entries (" + lockExpiryMillis + " ms, less a "
                + LOCK_TTL_MARGIN_MILLIS + " ms margin); raise JCacheStore.Builder.maxLease");
        }
        return locks.tryLock(cache, key, leaseMillis);
    }

    @Override
    public boolean release(LockLease lease) {
        return locks.release(lease);
    }

    /** The cache's data cache if it exists, without creating it. */
    private DataCache existing(String cache) {
        Objects.requireNonNull(cache, "cache cannot be null");
        DataCache data = caches.get(cache);
        if (data == null) {
            Cache<String, StoredEntry> found = manager.getCache(cacheNamePrefix + cache);
            if (found == null) {
                return null;
            }
            data = caches.computeIfAbsent(cache, c -> new DataCache(found, creationExpiryMillis(found)));
        }
        return data;
    }

    /** The cache's data cache, created with an expiry from {@code maxHardTtl} or this first write. */
    private DataCache created(String cache, long hardTtlMillis) {
        DataCache data = existing(cache);
        if (data != null) {
            return data;
        }
        long expiry = maxHardTtl != null ? maxHardTtl.toMillis() : hardTtlMillis;
        MutableConfiguration<String, StoredEntry> config = new MutableConfiguration<String, StoredEntry>()
            .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, expiry)));
        Cache<String, StoredEntry> created = getOrCreate(cacheNamePrefix + cache, config);
        return caches.computeIfAbsent(cache, c -> new DataCache(created, creationExpiryMillis(created)));
    }

    /** Creates the cache, or gets it when another member or thread created it first. */
    private <K, V> Cache<K, V> getOrCreate(String name, MutableConfiguration<K, V> config) {
        Cache<K, V> cache = manager.getCache(name);
        if (cache != null) {
            return cache;
        }
        try {
            return manager.createCache(name, config);
        } catch (CacheException alreadyCreated) {
            cache = manager.getCache(name);
            if (cache == null) {
                throw alreadyCreated;
            }
            return cache;
        }
    }

    /** How long the cache keeps an entry after creating it; {@code Long.MAX_VALUE} when unknown. */
    private static long creationExpiryMillis(Cache<?, ?> cache) {
        try {
            @SuppressWarnings("unchecked")
            CompleteConfiguration<?, ?> config = cache.getConfiguration(CompleteConfiguration.class);
            Factory<ExpiryPolicy> factory = config.getExpiryPolicyFactory();
            javax.cache.expiry.Duration duration = factory == null ? null : factory.create().getExpiryForCreation();
            return duration == null || duration.isEternal() ? Long.MAX_VALUE
                : duration.getTimeUnit().toMillis(duration.getDurationAmount());
        } catch (RuntimeException unknown) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean isSerializationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotSerializableException || t.getClass().getSimpleName().endsWith("SerializationException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Lock entries in the lock cache; its creation expiry is the entries' TTL. */
    private final class CacheLockTable implements LockTable {

        @Override
        public String get(String lockKey) {
            return lockCache.get(lockKey);
        }

        /** The TTL is the lock cache's creation expiry, checked against the lease in {@link #tryLock}. */
        @Override
        public boolean putIfAbsent(String lockKey, String value, long ttlMillis) {
            return lockCache.putIfAbsent(lockKey, value);
        }

        @Override
        public boolean remove(String lockKey, String expected) {
            return lockCache.remove(lockKey, expected);
        }
    }

    /** Configures a {@link JCacheStore}. Not thread-safe. */
    public static final class Builder {
        private final CacheManager manager;
        private String cacheNamePrefix = DEFAULT_CACHE_NAME_PREFIX;
        private String lockCacheName = DEFAULT_LOCK_CACHE_NAME;
        private LongSupplier clock = System::currentTimeMillis;
        private Duration maxHardTtl;
        private Duration maxLease = DEFAULT_MAX_LEASE;

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
         * Sizes the expiry of the data caches this store creates; without it, a cache expires
         * entries after the hard TTL of the write that created it.
         *
         * @param maxHardTtl at least the longest hard TTL of any policy using this store; positive
         * @return this builder
         */
        public Builder maxHardTtl(Duration maxHardTtl) {
            this.maxHardTtl = requirePositive("maxHardTtl", maxHardTtl);
            return this;
        }

        /**
         * @param maxLease the longest lock lease the store accepts; positive
         * @return this builder
         */
        public Builder maxLease(Duration maxLease) {
            this.maxLease = requirePositive("maxLease", maxLease);
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
