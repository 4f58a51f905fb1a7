package org.dogpile.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The primitives every {@link DogpileStore} offers, the same for all: an entry table with
 * conditional writes compared by write, a lock table, a clock. A store's test extends this class and
 * says how to build the store on a given clock; cleanup TTLs that run on the store's own clock are
 * passed by {@link #passTtl} (by default the manual clock moves).
 */
public abstract class DogpileStoreContract {

    /** The clock of the store under test. */
    protected final ManualClock clock = new ManualClock();
    /** The store under test, new for every test. */
    protected DogpileStore store;
    /** Its entry table. */
    protected EntryTable entries;
    /** A cache name no other test uses. */
    protected String cache;
    private final AtomicLong stamps = new AtomicLong(1);

    /**
     * @param clock the clock the store must use for {@link DogpileStore#currentTimeMillis()} and leases
     * @return a new store (it may share a backend with earlier tests; cache names never repeat)
     */
    protected abstract DogpileStore createStore(LongSupplier clock);

    /**
     * Lets an entry written with the given cleanup TTL pass it. By default moves the manual clock; a
     * store whose TTL runs on its own clock waits, with a deadline, until the entry is gone.
     *
     * @param cache the cache
     * @param key the key
     * @param ttlMillis the TTL the entry was written with
     */
    protected void passTtl(String cache, String key, long ttlMillis) {
        clock.advance(ttlMillis);
    }

    @BeforeEach
    void createStoreAndCache() {
        store = createStore(clock);
        entries = store.entries();
        cache = "contract-" + UUID.randomUUID();
    }

    /** @return a value entry as the engine would write it for this store */
    protected StoredEntry entry(String value) {
        long now = clock.getAsLong();
        Object stored = entries.keepsReferences() ? value : value.getBytes(StandardCharsets.UTF_8);
        return StoredEntry.value(stamps.incrementAndGet(), now, 60_000, now + 120_000,
            entries.keepsReferences() ? "" : "test", stored);
    }

    /** @return the value of an entry written by {@link #entry(String)} */
    protected String valueOf(StoredEntry entry) {
        Object value = entry.value();
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) value;
    }

    private void assertSameEntry(StoredEntry expected, StoredEntry actual) {
        assertNotNull(actual);
        assertTrue(expected.sameWriteAs(actual), () -> expected + " vs " + actual);
        assertEquals(expected.expireAfterMillis(), actual.expireAfterMillis());
        assertEquals(expected.removeAt(), actual.removeAt());
        assertEquals(expected.codecId(), actual.codecId());
        assertEquals(expected.isInvalidated(), actual.isInvalidated());
        assertEquals(expected.isPending(), actual.isPending());
        if (expected.value() instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual.value());
        } else {
            assertEquals(expected.value(), actual.value());
        }
    }

    // ---- clock and entries

    @Test
    void currentTimeMillis_clockGiven_followsIt() {
        long before = store.currentTimeMillis();
        clock.advance(5_000);
        assertEquals(before + 5_000, store.currentTimeMillis());
    }

    @Test
    void get_neverWritten_returnsNull() {
        assertNull(entries.get(cache, "k"));
    }

    @Test
    void putIfAbsent_absentKey_writesAndReadsBackTheSameWrite() {
        StoredEntry written = entry("v1");
        assertTrue(entries.putIfAbsent(cache, "k", written, 60_000));
        assertSameEntry(written, entries.get(cache, "k"));
        assertEquals("v1", valueOf(entries.get(cache, "k")));
    }

    @Test
    void putIfAbsent_presentKey_keepsTheFirstWrite() {
        StoredEntry first = entry("v1");
        assertTrue(entries.putIfAbsent(cache, "k", first, 60_000));
        assertFalse(entries.putIfAbsent(cache, "k", entry("v2"), 60_000));
        assertSameEntry(first, entries.get(cache, "k"));
    }

    @Test
    void putIfAbsent_nullValueAndPendingAndInvalidated_roundTrip() {
        long now = clock.getAsLong();
        StoredEntry cachedNull = StoredEntry.value(7, now, 1_000, now + 2_000, entries.keepsReferences() ? "" : "test", null);
        StoredEntry pending = StoredEntry.pending(8, now);
        StoredEntry invalidated = entry("v").invalidated(9);
        entries.putIfAbsent(cache, "null", cachedNull, 60_000);
        entries.putIfAbsent(cache, "pending", pending, 60_000);
        entries.putIfAbsent(cache, "invalidated", invalidated, 60_000);

        assertSameEntry(cachedNull, entries.get(cache, "null"));
        assertNull(entries.get(cache, "null").value(), "a cached null is an entry, distinct from no entry");
        assertTrue(entries.get(cache, "pending").isPending());
        assertTrue(entries.get(cache, "invalidated").isInvalidated());
        assertEquals("v", valueOf(entries.get(cache, "invalidated")));
    }

    @Test
    void replace_expectedIsCurrent_replaces() {
        entries.putIfAbsent(cache, "k", entry("v1"), 60_000);
        StoredEntry current = entries.get(cache, "k");
        StoredEntry next = entry("v2");
        assertTrue(entries.replace(cache, "k", current, next, 60_000));
        assertSameEntry(next, entries.get(cache, "k"));
    }

    @Test
    void replace_expectedWasOverwritten_refusesAndKeepsTheNewer() {
        entries.putIfAbsent(cache, "k", entry("v1"), 60_000);
        StoredEntry read = entries.get(cache, "k");
        StoredEntry newer = entry("v2");
        assertTrue(entries.replace(cache, "k", read, newer, 60_000));

        assertFalse(entries.replace(cache, "k", read, entry("late"), 60_000));
        assertSameEntry(newer, entries.get(cache, "k"));
    }

    @Test
    void replace_sameValueButAnotherWrite_refuses() {
        entries.putIfAbsent(cache, "k", entry("v1"), 60_000);
        StoredEntry read = entries.get(cache, "k");
        assertTrue(entries.replace(cache, "k", read, read.invalidated(99), 60_000));
        assertFalse(entries.replace(cache, "k", read, entry("late"), 60_000), "ABA: stamps differ per write");
    }

    @Test
    void replace_entryRemoved_refuses() {
        entries.putIfAbsent(cache, "k", entry("v1"), 60_000);
        StoredEntry read = entries.get(cache, "k");
        entries.remove(cache, "k");
        assertFalse(entries.replace(cache, "k", read, entry("late"), 60_000));
        assertNull(entries.get(cache, "k"));
    }

    @Test
    void replace_concurrentWritersFromOneRead_exactlyOneWins() throws Exception {
        entries.putIfAbsent(cache, "k", entry("v0"), 60_000);
        StoredEntry read = entries.get(cache, "k");
        List<Boolean> outcomes = race(16, i -> entries.replace(cache, "k", read, entry("w" + i), 60_000));
        assertEquals(1, outcomes.stream().filter(won -> won).count());
    }

    @Test
    void putIfAbsent_concurrentWriters_exactlyOneWins() throws Exception {
        List<Boolean> outcomes = race(16, i -> entries.putIfAbsent(cache, "k", entry("w" + i), 60_000));
        assertEquals(1, outcomes.stream().filter(won -> won).count());
    }

    @Test
    void removeExpected_matchesOnlyTheSameWrite() {
        entries.putIfAbsent(cache, "k", entry("v1"), 60_000);
        StoredEntry read = entries.get(cache, "k");
        assertFalse(entries.remove(cache, "k", entry("v1")), "another write with an equal value");
        assertTrue(entries.remove(cache, "k", read));
        assertNull(entries.get(cache, "k"));
        assertFalse(entries.remove(cache, "k", read));
    }

    @Test
    void remove_anyEntryOrNone_removesOrDoesNothing() {
        entries.putIfAbsent(cache, "k", entry("v1"), 60_000);
        entries.remove(cache, "k");
        entries.remove(cache, "k");
        entries.remove("never-used-" + UUID.randomUUID(), "k");
        assertNull(entries.get(cache, "k"));
    }

    @Test
    void clearAndKeys_touchTheirCacheOnly() {
        String other = cache + "-other";
        entries.putIfAbsent(cache, "a", entry("a"), 60_000);
        entries.putIfAbsent(cache, "b", entry("b"), 60_000);
        entries.putIfAbsent(other, "a", entry("o"), 60_000);

        assertEquals(Set.of("a", "b"), new HashSet<>(entries.keys(cache)));
        entries.clear(cache);
        assertNull(entries.get(cache, "a"));
        assertTrue(entries.keys(cache).isEmpty());
        assertEquals("o", valueOf(entries.get(other, "a")));
    }

    @Test
    void sameKeyInOtherCache_isIndependent() {
        entries.putIfAbsent(cache, "k", entry("mine"), 60_000);
        assertNull(entries.get(cache + "x", "k"));
    }

    @Test
    void ttl_passed_entryIsGoneAndTheKeyWritableAgain() {
        entries.putIfAbsent(cache, "k", entry("v1"), 1_000);
        passTtl(cache, "k", 1_000);
        assertTrue(entries.putIfAbsent(cache, "k", entry("v2"), 60_000));
        assertEquals("v2", valueOf(entries.get(cache, "k")));
    }

    @Test
    protected void keep_extendsTheTtlOfWhateverIsThere() {
        entries.putIfAbsent(cache, "k", entry("v1"), 1_000);
        entries.keep(cache, "k", 600_000);
        passTtl(cache, "other-key-never-written", 1_000);
        assertFalse(entries.putIfAbsent(cache, "k", entry("v2"), 60_000), "still there after its first TTL");
        assertEquals("v1", valueOf(entries.get(cache, "k")));
    }

    @Test
    void nonPositiveTtl_rejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> entries.putIfAbsent(cache, "k", entry("v"), 0));
        assertTrue(e.getMessage().contains("ttlMillis must be positive: 0"), e.getMessage());
    }

    // ---- locks

    @Test
    void tryLock_freeKey_returnsLeaseUntilNowPlusLease() {
        LockLease lease = locks().tryLock(cache, "k", 5_000);
        assertNotNull(lease);
        assertEquals(clock.getAsLong() + 5_000, lease.expiresAt());
    }

    @Test
    void tryLock_heldKey_returnsNullAndOtherKeysAreIndependent() {
        assertNotNull(locks().tryLock(cache, "k", 5_000));
        assertNull(locks().tryLock(cache, "k", 5_000));
        assertNotNull(locks().tryLock(cache, "k2", 5_000));
        assertNotNull(locks().tryLock(cache + "x", "k", 5_000));
    }

    @Test
    void tryLock_namesThatConcatenateAlike_areIndependent() {
        assertNotNull(locks().tryLock("ab", "c", 5_000));
        assertNotNull(locks().tryLock("a", "bc", 5_000));
    }

    @Test
    void tryLock_leaseRanOut_anotherCallerTakesOverAndTheLateReleaseFreesNothing() {
        OwnerTokenLocks locks = locks();
        LockLease first = locks.tryLock(cache, "k", 5_000);
        clock.advance(5_000);
        LockLease second = locks.tryLock(cache, "k", 5_000);
        assertNotNull(second);
        assertFalse(locks.release(first));
        assertNull(locks.tryLock(cache, "k", 5_000), "the new owner still holds it");
        assertTrue(locks.release(second));
        assertNotNull(locks.tryLock(cache, "k", 5_000));
    }

    @Test
    void tryLock_sameTokenAgain_getsItsOwnLeaseBackOthersDoNot() {
        OwnerTokenLocks locks = locks();
        LockLease first = locks.tryLock(cache, "k", 5_000, "token-a"); // as if the answer had been lost
        assertNotNull(first);
        LockLease again = locks.tryLock(cache, "k", 5_000, "token-a");
        assertEquals(first, again);
        assertNull(locks.tryLock(cache, "k", 5_000, "token-b"));
        assertNull(locks.tryLock(cache, "k", 5_000, "token"), "a prefix of the owner's token is another owner");
        assertTrue(locks.release(again));
    }

    @Test
    void renew_ownLease_extendsItAndKeepsOthersOut() {
        OwnerTokenLocks locks = locks();
        LockLease lease = locks.tryLock(cache, "k", 5_000);
        clock.advance(4_000);
        LockLease renewed = locks.renew(lease, 5_000);
        assertNotNull(renewed);
        assertEquals(clock.getAsLong() + 5_000, renewed.expiresAt());
        clock.advance(4_000);
        assertNull(locks.tryLock(cache, "k", 5_000), "the renewed lease still holds");
        assertTrue(locks.release(renewed));
        assertFalse(locks.release(lease), "released once: nothing of this owner is left");
    }

    @Test
    void renewAndRelease_afterARenewalWhoseAnswerWasLost_stillWorkForTheOwner() {
        OwnerTokenLocks locks = locks();
        LockLease lease = locks.tryLock(cache, "k", 5_000);
        clock.advance(2_000);
        assertNotNull(locks.renew(lease, 5_000)); // took effect, but say its answer was lost
        clock.advance(4_000); // past the lease the owner knows of, within the renewed one
        LockLease renewed = locks.renew(lease, 5_000);
        assertNotNull(renewed, "the owner still holds the lock under its token");
        assertNull(locks.tryLock(cache, "k", 5_000));
        assertTrue(locks.release(lease), "release by the owner's token, whatever the expiry it knows");
        assertNotNull(locks.tryLock(cache, "k", 5_000));
    }

    @Test
    void renew_afterTakeover_failsAndLeavesTheNewOwnerAlone() {
        OwnerTokenLocks locks = locks();
        LockLease lease = locks.tryLock(cache, "k", 5_000);
        clock.advance(5_000);
        assertNull(locks.renew(lease, 5_000), "ran out: no renewal");
        LockLease taken = locks.tryLock(cache, "k", 5_000);
        assertNotNull(taken);
        assertNull(locks.renew(lease, 5_000));
        assertTrue(locks.release(taken));
    }

    @Test
    void tryLock_concurrentCallers_exactlyOneWins() throws Exception {
        OwnerTokenLocks locks = locks();
        List<Boolean> outcomes = race(16, i -> locks.tryLock(cache, "k", 60_000) != null);
        assertEquals(1, outcomes.stream().filter(won -> won).count());
    }

    @Test
    void tryLock_lockDoesNotTouchTheEntry() {
        entries.putIfAbsent(cache, "k", entry("v1"), 60_000);
        assertNotNull(locks().tryLock(cache, "k", 5_000));
        StoredEntry read = entries.get(cache, "k");
        assertEquals("v1", valueOf(read));
        assertTrue(entries.replace(cache, "k", read, entry("v2"), 60_000));
    }

    @Test
    void tryLock_nonPositiveLease_throwsNamingIt() {
        assertEquals("leaseMillis must be positive: 0",
            assertThrows(IllegalArgumentException.class, () -> locks().tryLock(cache, "k", 0)).getMessage());
    }

    /** @return owner-token locks on the store's lock table and clock, as the engine builds them */
    protected OwnerTokenLocks locks() {
        return new OwnerTokenLocks(store.locks(), store::currentTimeMillis);
    }

    /** Runs {@code count} calls at once (released together) and returns their results. */
    protected static <T> List<T> race(int count, IntCall<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> task = () -> {
                    go.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
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

    /** A call with an index. */
    @FunctionalInterface
    protected interface IntCall<T> {
        /**
         * @param index which call
         * @return its result
         * @throws Exception anything
         */
        T call(int index) throws Exception;
    }
}
