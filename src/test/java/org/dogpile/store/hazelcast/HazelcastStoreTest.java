package org.dogpile.store.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.DogpileStoreContract;
import org.dogpile.store.LockLease;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HazelcastStore} keeps the store contract on a real member (with the recommended
 * deserialization filter), plus what is specific to Hazelcast: TTL rounding, TTLs kept by soft
 * invalidation, the separate lock map, cluster time, serialization failures.
 */
class HazelcastStoreTest extends DogpileStoreContract {

    private static TestCluster cluster;
    private static HazelcastInstance hz;

    @BeforeAll
    static void startMember() {
        cluster = TestCluster.start(1);
        hz = cluster.member(0);
    }

    @AfterAll
    static void stopMember() {
        cluster.close();
    }

    @Override
    protected DogpileStore createStore(LongSupplier clock) {
        return HazelcastStore.builder(hz).clock(clock).build();
    }

    /** Map TTLs run on Hazelcast's own clock: wait (bounded) until the entry is gone. */
    @Override
    protected void passHardTtl(String cache, String key, long hardTtlMillis) {
        TestCluster.await("entry '" + key + "' to pass its hard TTL of " + hardTtlMillis + " ms",
            hardTtlMillis + 10_000, () -> !hazelcastStore().map(cache).containsKey(key));
    }

    private HazelcastStore hazelcastStore() {
        return (HazelcastStore) store;
    }

    @Test
    void put_hardTtlNotWholeSeconds_mapTtlRoundedUp() {
        store.put(cache, "a", entry("v"), 1_001);
        store.put(cache, "b", entry("v"), 3_000);
        store.put(cache, "c", entry("v"), 1);

        assertEquals(2_000, hazelcastStore().map(cache).getEntryView("a").getTtl());
        assertEquals(3_000, hazelcastStore().map(cache).getEntryView("b").getTtl());
        assertEquals(1_000, hazelcastStore().map(cache).getEntryView("c").getTtl());
    }

    @Test
    void put_entry_storedInMapNamedAfterCache() {
        CacheEntry entry = entry("v");
        store.put(cache, "k", entry, 60_000);
        assertEquals(entry, hz.getMap("dogpile.cache." + cache).get("k"));
    }

    @Test
    void markStale_entryWithTtl_keepsRemainingTtl() {
        store.put(cache, "k", entry("v"), 30_000);

        assertTrue(store.markStale(cache, "k"));

        long ttl = hazelcastStore().map(cache).getEntryView("k").getTtl();
        assertTrue(ttl >= 29_000 && ttl <= 30_000, "TTL after markStale: " + ttl);
    }

    @Test
    void markStale_valueWithoutStableEquality_keepsRemainingTtl() {
        store.put(cache, "k", entry(new IdentityValue("x")), 30_000);

        assertTrue(store.markStale(cache, "k"));

        long ttl = hazelcastStore().map(cache).getEntryView("k").getTtl();
        assertTrue(ttl >= 29_000 && ttl <= 30_000, "TTL after markStale: " + ttl);
    }

    @Test
    void tryLock_anyKey_lockEntryInLockMapNeverOnDataEntry() {
        store.put(cache, "k", entry("v"), 60_000);

        LockLease lease = store.tryLock(cache, "k", 5_500);

        assertFalse(hazelcastStore().map(cache).isLocked("k"), "the data entry must never be locked");
        String lockKey = cache.length() + ":" + cache + ":k";
        assertEquals(lease.encoded(), hz.getMap("dogpile.locks").get(lockKey));
        assertEquals(8_000, hz.getMap("dogpile.locks").getEntryView(lockKey).getTtl(),
            "lease 5.5 s + 2 s margin, rounded up to whole seconds");
    }

    @Test
    void tryLock_afterTakeover_lockEntryHasTtlAgain() {
        store.tryLock(cache, "k", 1_000);
        clock.advance(1_000);
        LockLease second = store.tryLock(cache, "k", 5_000);
        assertNotNull(second);

        String lockKey = cache.length() + ":" + cache + ":k";
        assertEquals(7_000, hz.getMap("dogpile.locks").getEntryView(lockKey).getTtl());
    }

    @Test
    void currentTimeMillis_noClockGiven_isClusterTime() {
        HazelcastStore clusterTimed = new HazelcastStore(hz);
        long before = hz.getCluster().getClusterTime();
        long now = clusterTimed.currentTimeMillis();
        long after = hz.getCluster().getClusterTime();
        assertTrue(before <= now && now <= after, before + " <= " + now + " <= " + after);
    }

    @Test
    void builder_lockMapUnderCachePrefix_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HazelcastStore.builder(hz).lockMapName("dogpile.cache.locks").build());
        assertTrue(e.getMessage().contains("dogpile.cache.locks"), e.getMessage());
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
    void get_valueRefusedByDeserializationFilter_throwsNamingCacheAndKey() {
        store.put(cache, "k", entry(new NotOnAllowList()), 60_000);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.get(cache, "k"));

        assertTrue(e.getMessage().contains(cache) && e.getMessage().contains("'k'"), e.getMessage());
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
            assertTrue(failure.getMessage().contains(NotSerializable.class.getName()), failure.getMessage());
        }
        assertTrue(loads.get() >= 1);
        assertNotNull(store.tryLock(cache, "k", 1_000), "the lock must be free after the failed store");
        assertNull(store.get(cache, "k"));
    }

    @Test
    void engineGet_freshValueFromOtherStoreOnSameCluster_notLoadedAgain() throws Exception {
        DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofMinutes(1));
        new DogpileEngine(store).get(cache, "k", policy, () -> "loaded");

        Object value = new DogpileEngine(HazelcastStore.builder(hz).clock(clock).build())
            .get(cache, "k", policy, () -> {
                throw new AssertionError("must not load");
            });

        assertEquals("loaded", value);
    }

    /** Not serializable: Hazelcast cannot store it. */
    static final class NotSerializable {
    }

    /** Serializable, but not on the cluster's deserialization allow list. */
    static final class NotOnAllowList implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }
}
