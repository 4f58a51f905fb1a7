package org.dogpile.store.hazelcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpileException;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.DogpileStoreContract;
import org.dogpile.store.EntryFormat;
import org.dogpile.store.LockLease;
import org.dogpile.store.StoredEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HazelcastStore} keeps the store contract on a real member, plus what is specific to
 * Hazelcast: byte-array values in the library's format, TTL rounding, TTLs after {@code replace},
 * the separate lock map, cluster time, values that are not readable here.
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
    protected void passTtl(String cache, String key, long ttlMillis) {
        TestCluster.await("entry '" + key + "' to pass its TTL of " + ttlMillis + " ms",
            ttlMillis + 10_000, () -> !hazelcastStore().map(cache).containsKey(key));
    }

    private HazelcastStore hazelcastStore() {
        return (HazelcastStore) store;
    }

    @Test
    void putIfAbsent_ttlNotWholeSeconds_mapTtlRoundedUp() {
        entries.putIfAbsent(cache, "a", entry("v"), 1_001);
        entries.putIfAbsent(cache, "b", entry("v"), 3_000);
        entries.putIfAbsent(cache, "c", entry("v"), 1);

        assertEquals(2_000, hazelcastStore().map(cache).getEntryView("a").getTtl());
        assertEquals(3_000, hazelcastStore().map(cache).getEntryView("b").getTtl());
        assertEquals(1_000, hazelcastStore().map(cache).getEntryView("c").getTtl());
    }

    @Test
    void putIfAbsent_entry_storedAsLibraryBytesInMapNamedAfterCache() {
        StoredEntry entry = entry("v");
        entries.putIfAbsent(cache, "k", entry, 60_000);
        Object stored = hz.getMap("dogpile.cache." + cache).get("k");
        assertArrayEquals(EntryFormat.encode(entry), (byte[]) stored);
    }

    @Test
    void replace_resetsNothing_newEntryHasTheTtlAskedFor() {
        entries.putIfAbsent(cache, "k", entry("v1"), 30_000);
        StoredEntry read = entries.get(cache, "k");
        assertTrue(entries.replace(cache, "k", read, read.invalidated(5), 45_000));

        long ttl = hazelcastStore().map(cache).getEntryView("k").getTtl();
        assertEquals(45_000, ttl, "Hazelcast's replace resets the TTL to the map default; the store sets it again");
    }

    @Test
    void keep_setsTheTtlAskedForWithoutReadingTheValue() {
        entries.putIfAbsent(cache, "k", entry("v1"), 10_000);
        entries.keep(cache, "k", 60_000);
        long ttl = hazelcastStore().map(cache).getEntryView("k").getTtl();
        assertEquals(60_000, ttl, "the engine asks for no less than the entry's remaining hard TTL");
    }

    @Test
    void get_valueWrittenByAStrangerOrAnotherVersion_readsAsUnreadableAndCanBeReplaced() {
        IMap<String, Object> raw = hz.getMap("dogpile.cache." + cache);
        raw.put("string", "not an entry");
        raw.put("bytes", new byte[] {'D', 1, 0});

        StoredEntry foreign = entries.get(cache, "string");
        assertTrue(foreign.isUnreadable(), "read on the owner without deserializing it");
        StoredEntry otherVersion = entries.get(cache, "bytes");
        assertTrue(otherVersion.isUnreadable());
        assertTrue(entries.replace(cache, "bytes", otherVersion, entry("mine"), 60_000), "bytes compare as stored");
        entries.remove(cache, "string"); // what the engine does with a foreign object before regenerating
        assertTrue(entries.putIfAbsent(cache, "string", entry("mine"), 60_000));
        assertEquals("mine", valueOf(entries.get(cache, "string")));
    }

    @Test
    void tryLock_anyKey_lockEntryInLockMapNeverOnDataEntry() {
        entries.putIfAbsent(cache, "k", entry("v"), 60_000);

        LockLease lease = locks().tryLock(cache, "k", 5_500);

        assertFalse(hazelcastStore().map(cache).isLocked("k"), "the data entry must never be locked");
        String lockKey = cache.length() + ":" + cache + ":k";
        assertEquals(lease.encoded(), hz.getMap("dogpile.locks").get(lockKey));
        assertEquals(8_000, hz.getMap("dogpile.locks").getEntryView(lockKey).getTtl(),
            "lease 5.5 s + 2 s margin, rounded up to whole seconds");
    }

    @Test
    void renew_lockEntry_keepsATtlAfterReplace() {
        LockLease lease = locks().tryLock(cache, "k", 1_000);
        assertNotNull(locks().renew(lease, 5_000));
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
        clusterTimed.close();
    }

    @Test
    void builder_lockMapUnderCachePrefix_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HazelcastStore.builder(hz).lockMapName("dogpile.cache.locks").build());
        assertTrue(e.getMessage().contains("dogpile.cache.locks"), e.getMessage());
    }

    @Test
    void engineGet_loaderReturnsUnencodableValue_everyCallerFailsPromptlyNamingTheTypeAndLockIsFree() throws Exception {
        DogpileEngine engine = DogpileEngine.builder(store).build();
        DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofMinutes(1))
            .withLockTimeout(Duration.ofSeconds(20), LockTimeoutFallback.THROW);
        AtomicInteger loads = new AtomicInteger();

        List<Throwable> failures = race(8, i -> {
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
            assertTrue(failure instanceof DogpileException, String.valueOf(failure));
            assertTrue(failure.getMessage().contains(NotSerializable.class.getName()), failure.getMessage());
            assertFalse(failure.getMessage().contains("'k'"), "messages carry a key digest, not the key");
        }
        assertTrue(loads.get() >= 1);
        assertNotNull(locks().tryLock(cache, "k", 1_000), "the lock must be free after the failed store");
        assertTrue(engine.peek(cache, "k").isEmpty());
        engine.close();
    }

    @Test
    void engineGet_freshValueFromOtherStoreOnSameCluster_notLoadedAgain() throws Exception {
        DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofMinutes(1));
        DogpileEngine first = new DogpileEngine(store);
        first.get(cache, "k", policy, () -> "loaded");
        HazelcastStore otherStore = HazelcastStore.builder(hz).clock(clock).build();
        DogpileEngine second = new DogpileEngine(otherStore);

        Object value = second.get(cache, "k", policy, () -> {
            throw new AssertionError("must not load");
        });

        assertEquals("loaded", value);
        first.close();
        second.close();
        otherStore.close();
    }

    @Test
    void engineGet_entryFromAnotherCodec_countsAsAbsentAndIsRegenerated() throws Exception {
        long now = clock.getAsLong();
        entries.putIfAbsent(cache, "k", StoredEntry.value(1, now, 60_000, now + 120_000, "json", new byte[] {1, 2}), 60_000);
        DogpileEngine engine = new DogpileEngine(store);
        assertEquals("regenerated", engine.get(cache, "k", DogpilePolicy.expireAfter(Duration.ofMinutes(1)), () -> "regenerated"));
        engine.close();
    }

    /** Not serializable: the default codec cannot encode it. */
    static final class NotSerializable {
    }
}
