package org.dogpile.store.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.DogpileStoreContract;
import org.junit.jupiter.api.Test;

/**
 * {@link JCacheStore} keeps the store contract on a JCache provider, plus what is specific to
 * JCache: caches created with a creation expiry, hard TTL by the store clock, lease bound,
 * serialization failures. A provider's test says which cache manager to use.
 */
abstract class JCacheStoreContract extends DogpileStoreContract {

    /** @return an open cache manager of the provider under test, shared by the class's tests */
    protected abstract CacheManager manager();

    @Override
    protected DogpileStore createStore(LongSupplier clock) {
        return JCacheStore.builder(manager()).clock(clock).build();
    }

    private Cache<String, Object> dataCache() {
        return manager().getCache(JCacheStore.DEFAULT_CACHE_NAME_PREFIX + cache);
    }

    private static long creationExpiryMillis(Cache<?, ?> cache) {
        @SuppressWarnings("unchecked")
        CompleteConfiguration<?, ?> config = cache.getConfiguration(CompleteConfiguration.class);
        javax.cache.expiry.Duration duration = ((ExpiryPolicy) config.getExpiryPolicyFactory().create())
            .getExpiryForCreation();
        return duration.getTimeUnit().toMillis(duration.getDurationAmount());
    }

    @Test
    void put_firstWrite_createsCacheExpiringAfterItsHardTtl() {
        store.put(cache, "k", entry("v"), 12_345);
        store.put(cache, "k2", entry("v"), 99_000);

        assertEquals(12_345, creationExpiryMillis(dataCache()));
    }

    @Test
    void put_maxHardTtlConfigured_createsCacheExpiringAfterIt() {
        JCacheStore configured = JCacheStore.builder(manager()).clock(clock).maxHardTtl(Duration.ofHours(2)).build();

        configured.put(cache, "k", entry("v"), 12_345);

        assertEquals(Duration.ofHours(2).toMillis(), creationExpiryMillis(dataCache()));
    }

    @Test
    void get_beforeAnyWrite_createsNoCache() {
        assertNull(store.get(cache, "k"));
        store.markAllStale(cache);
        store.removeAll(cache);
        assertNull(dataCache());
    }

    @Test
    void get_pastHardTtlByStoreClock_removesEntryFromCache() {
        store.put(cache, "k", entry("v"), 60_000);
        clock.advance(60_000);

        assertNull(store.get(cache, "k"));

        assertFalse(dataCache().containsKey("k"));
    }

    @Test
    void put_cacheExpiry_providerDropsEntryOnItsOwnClock() {
        store.put(cache, "k", entry("v"), 500);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dataCache().containsKey("k")) {
            assertTrue(System.nanoTime() < deadline, "the provider never expired the entry");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @Test
    void put_unserializableValue_throwsNamingTypeCacheAndKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> store.put(cache, "k1", entry(new NotSerializable()), 60_000));

        assertTrue(e.getMessage().contains(NotSerializable.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(cache), e.getMessage());
        assertTrue(e.getMessage().contains("'k1'"), e.getMessage());
        assertNull(store.get(cache, "k1"));
    }

    @Test
    void engineGet_loaderReturnsUnserializableValue_everyCallerFailsPromptlyAndLockIsFree() throws Exception {
        DogpileEngine engine = new DogpileEngine(store);
        DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofMinutes(1))
            .withLockTimeout(Duration.ofSeconds(20), LockTimeoutFallback.THROW);
        AtomicInteger loads = new AtomicInteger();

        List<Throwable> failures = race(8, () -> {
            try {
                engine.get(cache, "k", policy, () -> {
                    loads.incrementAndGet();
                    return new NotSerializable();
                });
                return null;
            } catch (Exception e) {
                return e;
            }
        });

        for (Throwable failure : failures) {
            assertTrue(failure instanceof IllegalArgumentException, String.valueOf(failure));
        }
        assertTrue(loads.get() >= 1);
        assertNotNull(store.tryLock(cache, "k", 1_000), "the lock must be free after the failed store");
    }

    @Test
    void tryLock_leaseLongerThanMaxLease_throwsNamingLeaseCacheAndKey() {
        JCacheStore bounded = JCacheStore.builder(manager()).clock(clock).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> bounded.tryLock(cache, "k", Duration.ofMinutes(11).toMillis()));

        assertTrue(e.getMessage().contains("660000") && e.getMessage().contains(cache)
            && e.getMessage().contains("'k'"), e.getMessage());
        assertNotNull(bounded.tryLock(cache, "k", Duration.ofMinutes(10).toMillis()));
    }

    @Test
    void builder_lockCacheUnderCachePrefix_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> JCacheStore.builder(manager()).lockCacheName("dogpile.cache.locks").build());
        assertTrue(e.getMessage().contains("dogpile.cache.locks"), e.getMessage());
    }

    @Test
    void put_16StoresCreateSameCacheAtOnce_allSucceedAndShareIt() throws Exception {
        List<Boolean> stored = race(16, () -> {
            JCacheStore own = JCacheStore.builder(manager()).clock(clock).build();
            own.put(cache, "k" + Thread.currentThread().getId(), entry("v"), 60_000);
            return true;
        });

        assertEquals(16, stored.size());
        int count = 0;
        for (Cache.Entry<String, Object> ignored : dataCache()) {
            count++;
        }
        assertEquals(16, count);
    }

    /** Not serializable: no store-by-value provider can copy it. */
    static final class NotSerializable {
    }
}
