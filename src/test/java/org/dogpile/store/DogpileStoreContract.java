package org.dogpile.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every {@link DogpileStore} keeps. A store's test extends this class and says how to
 * build the store on a given clock; leases and hard TTLs are driven by a {@link ManualClock}, except
 * where a store's hard TTL runs on its own clock (override {@link #passHardTtl}).
 */
public abstract class DogpileStoreContract {

    /** The clock of the store under test. */
    protected final ManualClock clock = new ManualClock();
    /** The store under test, new for every test. */
    protected DogpileStore store;
    /** A cache name no other test uses. */
    protected String cache;

    /**
     * @param clock the clock the store must use for {@link DogpileStore#currentTimeMillis()}, ages and leases
     * @return a new store (it may share a backend with earlier tests; cache names never repeat)
     */
    protected abstract DogpileStore createStore(LongSupplier clock);

    /**
     * Lets an entry stored with the given hard TTL pass it. By default moves the manual clock; a
     * store whose TTL runs on its own clock waits, with a deadline, until the entry is gone.
     *
     * @param cache the cache
     * @param key the key
     * @param hardTtlMillis the hard TTL the entry was stored with
     */
    protected void passHardTtl(String cache, String key, long hardTtlMillis) {
        clock.advance(hardTtlMillis);
    }

    @BeforeEach
    void createStoreAndCache() {
        store = createStore(clock);
        cache = "contract-" + UUID.randomUUID();
    }

    /** @return a fresh entry created now on the store's clock, fresh for a minute */
    protected CacheEntry entry(Object value) {
        return new CacheEntry(value, clock.getAsLong(), 60_000, false);
    }

    // ---- clock and entries

    @Test
    void currentTimeMillis_clockGiven_followsIt() {
        long before = store.currentTimeMillis();
        clock.advance(12_345);
        assertEquals(before + 12_345, store.currentTimeMillis());
    }

    @Test
    void get_neverStored_returnsNull() {
        assertNull(store.get(cache, "absent"));
    }

    @Test
    void get_afterPut_returnsEqualEntry() {
        CacheEntry entry = new CacheEntry("value", clock.getAsLong() - 5, 1_234, false);
        store.put(cache, "k", entry, 60_000);

        CacheEntry read = store.get(cache, "k");

        assertEquals(entry, read);
        assertEquals("value", read.value());
        assertEquals(entry.createdAt(), read.createdAt());
        assertEquals(1_234, read.expireAfterMillis());
        assertFalse(read.invalidated());
    }

    @Test
    void put_existingKey_replacesEntry() {
        store.put(cache, "k", entry("old"), 60_000);
        store.put(cache, "k", entry("new"), 60_000);
        assertEquals("new", store.get(cache, "k").value());
    }

    @Test
    void put_nullValue_storesNullMarkerDistinctFromAbsent() {
        store.put(cache, "k", entry(null), 60_000);

        CacheEntry read = store.get(cache, "k");

        assertNotNull(read, "a cached null is an entry");
        assertNull(read.value());
    }

    @Test
    void put_serializableValueObject_roundTripsByEquality() {
        ContractValue value = new ContractValue("prices", 42);
        store.put(cache, "k", entry(value), 60_000);
        assertEquals(value, store.get(cache, "k").value());
    }

    @Test
    void put_nonPositiveHardTtl_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> store.put(cache, "k", entry("v"), 0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void get_sameKeyInOtherCache_isIndependent() {
        store.put(cache, "k", entry("mine"), 60_000);
        assertNull(store.get(cache + "-other", "k"));
        store.put(cache + "-other", "k", entry("theirs"), 60_000);
        assertEquals("mine", store.get(cache, "k").value());
    }

    @Test
    void get_beforeHardTtl_returnsEntry() {
        store.put(cache, "k", entry("v"), 30_000);
        clock.advance(29_999);
        assertEquals("v", store.get(cache, "k").value());
    }

    @Test
    void get_hardTtlPassed_returnsNull() {
        store.put(cache, "k", entry("v"), 1_000);
        passHardTtl(cache, "k", 1_000);
        assertNull(store.get(cache, "k"));
    }

    // ---- hard invalidation

    @Test
    void remove_existingKey_entryGone() {
        store.put(cache, "k", entry("v"), 60_000);
        store.put(cache, "other", entry("w"), 60_000);

        store.remove(cache, "k");

        assertNull(store.get(cache, "k"));
        assertEquals("w", store.get(cache, "other").value());
    }

    @Test
    void remove_absentKeyOrCache_doesNothing() {
        store.remove(cache, "absent");
        store.put(cache, "k", entry("v"), 60_000);
        store.remove(cache, "absent");
        assertEquals("v", store.get(cache, "k").value());
    }

    @Test
    void removeAll_cache_removesItsEntriesOnly() {
        store.put(cache, "a", entry("1"), 60_000);
        store.put(cache, "b", entry("2"), 60_000);
        store.put(cache + "-other", "a", entry("3"), 60_000);

        store.removeAll(cache);

        assertNull(store.get(cache, "a"));
        assertNull(store.get(cache, "b"));
        assertEquals("3", store.get(cache + "-other", "a").value());
        store.put(cache, "a", entry("again"), 60_000);
        assertEquals("again", store.get(cache, "a").value());
    }

    // ---- soft invalidation

    @Test
    void markStale_freshEntry_marksItKeepingValueAndAge() {
        CacheEntry entry = entry("v");
        store.put(cache, "k", entry, 60_000);

        assertTrue(store.markStale(cache, "k"));

        CacheEntry read = store.get(cache, "k");
        assertTrue(read.invalidated());
        assertFalse(read.isFreshAt(store.currentTimeMillis()));
        assertEquals("v", read.value());
        assertEquals(entry.createdAt(), read.createdAt());
        assertEquals(entry.expireAfterMillis(), read.expireAfterMillis());
    }

    @Test
    void markStale_absentKey_returnsFalse() {
        assertFalse(store.markStale(cache, "absent"));
        assertNull(store.get(cache, "absent"));
    }

    @Test
    void markStale_alreadyStale_returnsTrueAndStaysStale() {
        store.put(cache, "k", entry("v"), 60_000);
        store.markStale(cache, "k");
        assertTrue(store.markStale(cache, "k"));
        assertTrue(store.get(cache, "k").invalidated());
    }

    @Test
    void markStale_nullMarker_staysNullMarker() {
        store.put(cache, "k", entry(null), 60_000);
        assertTrue(store.markStale(cache, "k"));
        CacheEntry read = store.get(cache, "k");
        assertTrue(read.invalidated());
        assertNull(read.value());
    }

    @Test
    void markStale_valueWithoutStableEquality_stillMarksIt() {
        store.put(cache, "k", entry(new IdentityValue("x")), 60_000);
        assertTrue(store.markStale(cache, "k"));
        assertTrue(store.get(cache, "k").invalidated());
    }

    @Test
    void markStale_entryWithHardTtl_keepsHardTtl() {
        store.put(cache, "k", entry("v"), 1_000);
        assertTrue(store.markStale(cache, "k"));
        passHardTtl(cache, "k", 1_000);
        assertNull(store.get(cache, "k"));
    }

    @Test
    void put_afterMarkStale_storesFreshEntry() {
        store.put(cache, "k", entry("old"), 60_000);
        store.markStale(cache, "k");
        store.put(cache, "k", entry("new"), 60_000);
        CacheEntry read = store.get(cache, "k");
        assertEquals("new", read.value());
        assertTrue(read.isFreshAt(store.currentTimeMillis()));
    }

    @Test
    void markAllStale_cache_marksEveryEntryOfItOnly() {
        for (int i = 0; i < 20; i++) {
            store.put(cache, "k" + i, entry("v" + i), 60_000);
        }
        store.put(cache + "-other", "k0", entry("other"), 60_000);

        store.markAllStale(cache);

        for (int i = 0; i < 20; i++) {
            CacheEntry read = store.get(cache, "k" + i);
            assertTrue(read.invalidated(), "k" + i);
            assertEquals("v" + i, read.value());
        }
        assertFalse(store.get(cache + "-other", "k0").invalidated());
    }

    @Test
    void markAllStale_unknownCache_doesNothing() {
        store.markAllStale(cache);
        assertNull(store.get(cache, "k"));
    }

    // ---- locks

    @Test
    void tryLock_freeKey_returnsLeaseUntilNowPlusLease() {
        long now = store.currentTimeMillis();

        LockLease lease = store.tryLock(cache, "k", 5_000);

        assertNotNull(lease);
        assertEquals(cache, lease.cache());
        assertEquals("k", lease.key());
        assertEquals(now + 5_000, lease.expiresAt());
    }

    @Test
    void tryLock_heldKey_returnsNull() {
        assertNotNull(store.tryLock(cache, "k", 5_000));
        assertNull(store.tryLock(cache, "k", 5_000));
    }

    @Test
    void tryLock_otherKeyOrCache_isIndependent() {
        assertNotNull(store.tryLock(cache, "k", 5_000));
        assertNotNull(store.tryLock(cache, "k2", 5_000));
        assertNotNull(store.tryLock(cache + "-other", "k", 5_000));
    }

    @Test
    void tryLock_namesThatConcatenateAlike_areIndependent() {
        assertNotNull(store.tryLock(cache, "x:y", 5_000));
        assertNotNull(store.tryLock(cache + ":x", "y", 5_000));
    }

    @Test
    void tryLock_lockDoesNotTouchEntry_entryStaysReadableAndWritable() {
        store.put(cache, "k", entry("v"), 60_000);
        LockLease lease = store.tryLock(cache, "k", 5_000);
        assertEquals("v", store.get(cache, "k").value());
        store.put(cache, "k", entry("w"), 60_000);
        assertEquals("w", store.get(cache, "k").value());
        assertTrue(store.release(lease));
        assertEquals("w", store.get(cache, "k").value());
    }

    @Test
    void tryLock_nonPositiveLease_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.tryLock(cache, "k", 0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void release_ownLease_freesLock() {
        LockLease lease = store.tryLock(cache, "k", 5_000);

        assertTrue(store.release(lease));

        assertNotNull(store.tryLock(cache, "k", 5_000));
    }

    @Test
    void release_twice_secondReturnsFalse() {
        LockLease lease = store.tryLock(cache, "k", 5_000);
        assertTrue(store.release(lease));
        assertFalse(store.release(lease));
    }

    @Test
    void release_onAnotherThread_freesLock() throws Exception {
        LockLease lease = store.tryLock(cache, "k", 5_000);

        boolean released = CompletableFuture.supplyAsync(() -> store.release(lease)).get(30, TimeUnit.SECONDS);

        assertTrue(released);
        assertNotNull(store.tryLock(cache, "k", 5_000));
    }

    @Test
    void tryLock_leaseNotRunOut_returnsNull() {
        assertNotNull(store.tryLock(cache, "k", 5_000));
        clock.advance(4_999);
        assertNull(store.tryLock(cache, "k", 5_000));
    }

    @Test
    void tryLock_leaseRanOut_takesOver() {
        LockLease first = store.tryLock(cache, "k", 5_000);
        clock.advance(5_000);

        LockLease second = store.tryLock(cache, "k", 5_000);

        assertNotNull(second);
        assertNotEquals(first.token(), second.token());
        assertNull(store.tryLock(cache, "k", 5_000), "the new owner holds the lock");
    }

    @Test
    void release_afterTakeover_returnsFalseAndKeepsNewOwnersLock() {
        LockLease first = store.tryLock(cache, "k", 5_000);
        clock.advance(5_001);
        LockLease second = store.tryLock(cache, "k", 5_000);
        assertNotNull(second);

        assertFalse(store.release(first), "the old lease no longer owns the lock");

        assertNull(store.tryLock(cache, "k", 5_000), "still held by the new owner");
        assertTrue(store.release(second));
        assertNotNull(store.tryLock(cache, "k", 5_000));
    }

    @Test
    void release_leaseRanOutNotTakenOver_neverThrows() {
        LockLease lease = store.tryLock(cache, "k", 1_000);
        clock.advance(60_000);
        store.release(lease); // true or false: both fine, as long as it does not throw
        assertNotNull(store.tryLock(cache, "k", 1_000));
    }

    @Test
    void tryLock_32ThreadsOnFreeKey_exactlyOneWins() throws Exception {
        List<LockLease> leases = race(32, () -> store.tryLock(cache, "k", 60_000));
        assertEquals(1, leases.stream().filter(Objects::nonNull).count(), leases::toString);
    }

    @Test
    void tryLock_32ThreadsOnRanOutLease_exactlyOneTakesOver() throws Exception {
        LockLease first = store.tryLock(cache, "k", 1_000);
        assertNotNull(first);
        clock.advance(1_001);

        List<LockLease> leases = race(32, () -> store.tryLock(cache, "k", 60_000));

        assertEquals(1, leases.stream().filter(Objects::nonNull).count(), leases::toString);
        assertFalse(store.release(first));
    }

    @Test
    void tryLock_32ThreadsRepeatedly_neverTwoOwnersAtOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "k" + round;
            List<LockLease> leases = race(32, () -> store.tryLock(cache, key, 60_000));
            List<LockLease> won = leases.stream().filter(Objects::nonNull).toList();
            assertEquals(1, won.size(), "round " + round + ": " + leases);
            assertTrue(store.release(won.get(0)));
        }
    }

    /** Runs the task on {@code threads} threads released at the same moment; returns every result. */
    protected static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A serializable value with value equality. */
    public record ContractValue(String name, int amount) implements java.io.Serializable { }

    /** A serializable value whose equality is identity: no copy ever equals it. */
    public static final class IdentityValue implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;

        /** @param name any text */
        public IdentityValue(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "IdentityValue[" + name + "]";
        }
    }
}
