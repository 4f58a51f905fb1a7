package org.dogpile.store.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.DogpileStoreContract;
import org.dogpile.store.StoredEntry;
import org.junit.jupiter.api.Test;

/**
 * {@link JCacheStore} keeps the store contract on a JCache provider, plus what is specific to
 * JCache: entries as Latin-1 strings of the library's format, expiry after the last write, cache
 * creation races. A provider's test says which cache manager to use.
 */
abstract class JCacheStoreContract extends DogpileStoreContract {

    /** @return an open cache manager of the provider under test, shared by the class's tests */
    protected abstract CacheManager manager();

    /** TTLs are per cache in JCache: the data caches of these tests expire entries 1 s after their last write. */
    @Override
    protected DogpileStore createStore(LongSupplier clock) {
        return JCacheStore.builder(manager()).clock(clock).maxHardTtl(Duration.ofSeconds(1)).build();
    }

    /** The provider's expiry runs on its own clock: wait (bounded) until the entry is gone. */
    @Override
    protected void passTtl(String cache, String key, long ttlMillis) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (((JCacheStore) store).cache(cache).containsKey(key)) {
            assertTrue(System.nanoTime() < deadline, "entry '" + key + "' still there after 30 s");
            Thread.onSpinWait();
        }
    }

    /** JCache has no per-entry TTL: entries live maxHardTtl after their last write, so keep has nothing to extend. */
    @Override
    @Test
    protected void keep_extendsTheTtlOfWhateverIsThere() {
        JCacheStore longLived = JCacheStore.builder(manager()).clock(clock).maxHardTtl(Duration.ofMinutes(10)).build();
        String other = cache + "-long";
        longLived.entries().putIfAbsent(other, "k", entry("v1"), 1_000);
        longLived.entries().keep(other, "k", 600_000);
        assertEquals("v1", valueOf(longLived.entries().get(other, "k")));
        assertEquals(600_000, creationExpiryMillis(longLived.cache(other)));
        longLived.close();
    }

    private static long creationExpiryMillis(Cache<?, ?> cache) {
        @SuppressWarnings("unchecked")
        CompleteConfiguration<?, ?> config = cache.getConfiguration(CompleteConfiguration.class);
        javax.cache.expiry.Duration duration = ((ExpiryPolicy) config.getExpiryPolicyFactory().create())
            .getExpiryForUpdate();
        return duration.getTimeUnit().toMillis(duration.getDurationAmount());
    }

    @Test
    void putIfAbsent_entry_storedAsAStringOfTheLibraryFormat() {
        entries.putIfAbsent(cache, "k", entry("v"), 60_000);
        Object stored = ((JCacheStore) store).cache(cache).get("k");
        assertTrue(stored instanceof String text && text.charAt(0) == 'D', String.valueOf(stored));
    }

    @Test
    void get_aStrangersValue_readsAsUnreadable() {
        ((JCacheStore) store).cache(cache).put("k", "not an entry");
        StoredEntry found = entries.get(cache, "k");
        assertTrue(found.isUnreadable());
        assertTrue(entries.replace(cache, "k", found, entry("mine"), 60_000));
    }

    @Test
    void engineGet_valueAndNull_roundTripThroughTheCodec() throws Exception {
        DogpileEngine engine = DogpileEngine.builder(store).build();
        DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofMinutes(1));
        assertEquals(List.of("a", "b"), engine.get(cache, "list", policy, () -> List.of("a", "b")));
        assertEquals(List.of("a", "b"), engine.get(cache, "list", policy, () -> List.of("unused")));
        engine.get(cache, "null", policy, () -> null);
        assertEquals(null, engine.get(cache, "null", policy, () -> "unused"));
        engine.close();
    }

    @Test
    void builder_lockCacheUnderCachePrefix_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> JCacheStore.builder(manager()).lockCacheName("dogpile.cache.locks").build());
        assertTrue(e.getMessage().contains("dogpile.cache.locks"), e.getMessage());
    }

    @Test
    void putIfAbsent_16StoresCreateSameCacheAtOnce_allSucceedAndShareIt() throws Exception {
        List<Boolean> stored = race(16, i -> {
            JCacheStore own = JCacheStore.builder(manager()).clock(clock).build();
            try {
                return own.entries().putIfAbsent(cache, "k" + i, entry("v"), 60_000);
            } finally {
                own.close();
            }
        });
        assertEquals(16, stored.stream().filter(ok -> ok).count());
        assertEquals(16, entries.keys(cache).size());
    }
}
