package org.dogpile.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dogpile.key.KeyDigest;
import org.dogpile.store.InMemoryStore;
import org.dogpile.store.LockLease;
import org.dogpile.store.OwnerTokenLocks;
import org.dogpile.store.StoredEntry;
import org.dogpile.testing.ManualClock;
import org.dogpile.testing.Threads;
import org.junit.jupiter.api.Test;

class DogpileEngineTest {

    private static final String CACHE = "prices";
    private static final String KEY = "s2:eu";
    private static final Duration EXPIRE = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final InMemoryStore store = new InMemoryStore(clock);
    private final Queue<Runnable> backgroundTasks = new ConcurrentLinkedQueue<>();
    private final DogpileEngine engine = DogpileEngine.builder(store).executor(backgroundTasks::add)
        .renewalPeriod(Duration.ZERO).build();
    /** The lock table as another member sees it. */
    private final OwnerTokenLocks otherMember = new OwnerTokenLocks(store.locks(), clock);
    private final DogpilePolicy policy = DogpilePolicy.expireAfter(EXPIRE);

    @Test
    void get_absentKeyWithThousandConcurrentCallers_loaderRunsOnceAndAllGetItsValue() throws Exception {
        int callers = 1_000;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(callers);
        CountDownLatch releaseLoader = new CountDownLatch(1);
        ExecutorService executor = Threads.perTaskExecutor();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(executor.submit(() -> {
                started.countDown();
                return engine.get(CACHE, KEY, policy, () -> {
                    loads.incrementAndGet();
                    assertTrue(releaseLoader.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
                    return "v1";
                });
            }));
        }
        assertTrue(started.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        releaseLoader.countDown();
        Threads.finish(executor);
        for (Future<String> result : results) {
            assertEquals("v1", result.get());
        }
        assertEquals(1, loads.get());
        assertEquals("v1", engine.peek(CACHE, KEY).orElseThrow().value());
    }

    @Test
    void get_freshEntry_oneStoreReadAndNoLock() throws Exception {
        CountingStore counting = new CountingStore(store);
        DogpileEngine countingEngine = new DogpileEngine(counting);
        countingEngine.get(CACHE, KEY, policy, () -> "v1");
        counting.reset();

        assertEquals("v1", countingEngine.get(CACHE, KEY, policy, () -> "unused"));
        assertEquals(1, counting.reads.get());
        assertEquals(0, counting.locks.get());
    }

    @Test
    void get_staleEntryWhileLoaderBlocked_everyOtherCallerReturnsStaleAtOnce() throws Exception {
        engine.get(CACHE, KEY, policy, () -> "v1");
        clock.advance(EXPIRE.plusSeconds(1));
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch releaseLoader = new CountDownLatch(1);
        AtomicReference<Object> regenerated = new AtomicReference<>();
        Thread regenerator = Threads.start("regenerator", () -> regenerated.set(call(() -> engine.get(CACHE, KEY, policy, () -> {
            loaderEntered.countDown();
            assertTrue(releaseLoader.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
            return "v2";
        }))));
        assertTrue(loaderEntered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));

        AtomicInteger otherLoads = new AtomicInteger();
        ExecutorService others = Threads.perTaskExecutor();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(others.submit(() -> engine.get(CACHE, KEY, policy, () -> "other-" + otherLoads.incrementAndGet())));
        }
        Threads.finish(others); // all of them finish while the loader is still blocked
        assertTrue(regenerator.isAlive(), "the loader is still blocked");
        for (Future<String> result : results) {
            assertEquals("v1", result.get());
        }
        assertEquals(0, otherLoads.get());

        releaseLoader.countDown();
        Threads.join(regenerator);
        assertEquals("v2", regenerated.get());
        assertEquals("v2", engine.get(CACHE, KEY, policy, () -> "unused"));
    }

    @Test
    void get_staleEntryLockWon_returnsNewValueWithoutSecondReadAfterLoad() throws Exception {
        CountingStore counting = new CountingStore(store);
        DogpileEngine countingEngine = new DogpileEngine(counting);
        countingEngine.get(CACHE, KEY, policy, () -> "v1");
        clock.advance(EXPIRE);
        counting.reset();

        assertEquals("v2", countingEngine.get(CACHE, KEY, policy, () -> "v2"));
        assertEquals(2, counting.reads.get(), "one read to find it stale, one after taking the lock");
        assertEquals(1, counting.locks.get());
        assertEquals(1, counting.releases.get());
    }

    @Test
    void get_staleEntryLockedByAnotherMember_returnsStaleWithoutLoading() throws Exception {
        engine.get(CACHE, KEY, policy, () -> "v1");
        clock.advance(EXPIRE);
        LockLease otherLease = otherMember.tryLock(CACHE, KEY, 30_000);
        assertNotNull(otherLease);

        assertEquals("v1", engine.get(CACHE, KEY, policy, () -> "v2"));
        assertTrue(otherMember.release(otherLease));
    }

    @Test
    void get_holderNeverReleases_anotherCallerTakesOverAfterLeaseAndLateReleaseFreesNothing() throws Exception {
        DogpilePolicy longWait = policy.withLockTimeout(Duration.ofMinutes(5), LockTimeoutFallback.THROW);
        LockLease crashed = otherMember.tryLock(CACHE, KEY, 5_000);
        assertNotNull(crashed);
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch releaseLoader = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread caller = Threads.start("caller", () -> result.set(call(() -> engine.get(CACHE, KEY, longWait, () -> {
            loaderEntered.countDown();
            assertTrue(releaseLoader.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
            return "v1";
        }))));
        Threads.awaitBlocked(caller); // polling the lock
        assertEquals(1, loaderEntered.getCount(), "must wait while the lease holds");

        clock.advance(Duration.ofSeconds(6));
        assertTrue(loaderEntered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        assertFalse(otherMember.release(crashed), "a late release must not free the new owner's lock");
        assertNull(otherMember.tryLock(CACHE, KEY, 5_000), "the new owner still holds the lock");

        releaseLoader.countDown();
        Threads.join(caller);
        assertEquals("v1", result.get());
    }

    @Test
    void get_loaderThrowsOnAbsentKey_sameExceptionReachesWaitersOfThatAttemptAndNextCallRetries() throws Exception {
        IllegalStateException failure = new IllegalStateException("backend down");
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch releaseLoader = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        Loader<String> failing = () -> {
            loads.incrementAndGet();
            loaderEntered.countDown();
            assertTrue(releaseLoader.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
            throw failure;
        };
        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            outcomes.add(outcome);
            callers.add(Threads.start("caller-" + i, () -> outcome.set(call(() -> engine.get(CACHE, KEY, policy, failing)))));
            if (i == 0) {
                assertTrue(loaderEntered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
            }
        }
        Threads.awaitBlocked(callers);
        releaseLoader.countDown();
        for (Thread caller : callers) {
            Threads.join(caller);
        }
        for (AtomicReference<Object> outcome : outcomes) {
            assertSame(failure, outcome.get());
        }
        assertEquals(1, loads.get(), "waiters of the attempt share its exception: no serial retries");
        LockLease free = otherMember.tryLock(CACHE, KEY, 1_000);
        assertNotNull(free, "the lock was released");
        assertTrue(otherMember.release(free));

        assertEquals("v1", engine.get(CACHE, KEY, policy, () -> "v1"));
    }

    @Test
    void get_loaderThrowsOnStaleKey_exceptionReachesCallerAndStaleEntryStays() throws Exception {
        engine.get(CACHE, KEY, policy, () -> "v1");
        clock.advance(EXPIRE);
        IllegalStateException failure = new IllegalStateException("backend down");

        Exception thrown = assertThrows(IllegalStateException.class, () -> engine.get(CACHE, KEY, policy, () -> {
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals("v1", engine.peek(CACHE, KEY).orElseThrow().value());
        assertEquals("v2", engine.get(CACHE, KEY, policy, () -> "v2"), "the next call retries");
    }

    @Test
    void get_checkedExceptionFromLoader_passesUnchanged() {
        Exception failure = new java.io.IOException("disk");
        Exception thrown = assertThrows(java.io.IOException.class, () -> engine.get(CACHE, KEY, policy, () -> {
            throw failure;
        }));
        assertSame(failure, thrown);
    }

    @Test
    void get_staleIfErrorWithinWindow_returnsStaleThenErrorAfterWindow() throws Exception {
        DogpilePolicy forgiving = policy.withStaleIfError(Duration.ofSeconds(5)).withMaxStale(Duration.ofMinutes(1));
        engine.get(CACHE, KEY, forgiving, () -> "v1");
        IllegalStateException failure = new IllegalStateException("backend down");
        Loader<String> failing = () -> {
            throw failure;
        };

        clock.advance(EXPIRE.plusSeconds(4));
        assertEquals("v1", engine.get(CACHE, KEY, forgiving, failing));

        clock.advance(Duration.ofSeconds(1));
        assertSame(failure, assertThrows(IllegalStateException.class, () -> engine.get(CACHE, KEY, forgiving, failing)));
        assertEquals("v1", engine.peek(CACHE, KEY).orElseThrow().value());
    }

    @Test
    void get_lockTimeoutWithThrow_throwsNamingCacheKeyAndTimeout() throws Exception {
        DogpilePolicy strict = policy.withLockTimeout(Duration.ofSeconds(5), LockTimeoutFallback.THROW);
        LockLease otherLease = otherMember.tryLock(CACHE, KEY, 60_000);
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicInteger loads = new AtomicInteger();
        Thread caller = Threads.start("caller", () -> outcome.set(call(() -> engine.get(CACHE, KEY, strict,
            () -> "v" + loads.incrementAndGet()))));
        Threads.awaitBlocked(caller);

        clock.advance(Duration.ofSeconds(5));
        Threads.join(caller);
        LockTimeoutException timeout = (LockTimeoutException) outcome.get();
        assertEquals("no value for cache 'prices' key " + KeyDigest.of(KEY)
            + " and its regeneration lock was not free within PT5S",
            timeout.getMessage());
        assertEquals(0, loads.get());
        assertTrue(otherMember.release(otherLease), "the other member's lock is untouched");
    }

    @Test
    void get_lockTimeoutWithCallWithoutCaching_returnsLoadedValueAndCachesNothing() throws Exception {
        DogpilePolicy lenient = policy.withLockTimeout(Duration.ofSeconds(5), LockTimeoutFallback.CALL_WITHOUT_CACHING);
        LockLease otherLease = otherMember.tryLock(CACHE, KEY, 60_000);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Threads.start("caller", () -> outcome.set(call(() -> engine.get(CACHE, KEY, lenient, () -> "uncached"))));
        Threads.awaitBlocked(caller);

        clock.advance(Duration.ofSeconds(5));
        Threads.join(caller);
        assertEquals("uncached", outcome.get());
        assertTrue(engine.peek(CACHE, KEY).isEmpty());
        assertTrue(otherMember.release(otherLease));
    }

    @Test
    void get_lockTimeoutWhileInJvmWaitersShareTheAttempt_allGetTheOneFallbackResult() throws Exception {
        DogpilePolicy lenient = policy.withLockTimeout(Duration.ofSeconds(5), LockTimeoutFallback.CALL_WITHOUT_CACHING);
        LockLease otherLease = otherMember.tryLock(CACHE, KEY, 60_000);
        AtomicInteger loads = new AtomicInteger();
        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            outcomes.add(outcome);
            callers.add(Threads.start("caller-" + i, () -> outcome.set(call(() -> engine.get(CACHE, KEY, lenient,
                () -> "v" + loads.incrementAndGet())))));
        }
        Threads.awaitBlocked(callers);

        clock.advance(Duration.ofSeconds(5));
        for (Thread caller : callers) {
            Threads.join(caller);
        }
        for (AtomicReference<Object> outcome : outcomes) {
            assertEquals("v1", outcome.get());
        }
        assertEquals(1, loads.get());
        assertTrue(otherMember.release(otherLease));
    }

    @Test
    void get_waiterPastLockTimeoutWhileLeaderStillLoads_timesOutWithoutWaitingForIt() throws Exception {
        DogpilePolicy strict = policy.withLockTimeout(Duration.ofSeconds(5), LockTimeoutFallback.THROW);
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch releaseLoader = new CountDownLatch(1);
        AtomicReference<Object> leaderOutcome = new AtomicReference<>();
        Thread leader = Threads.start("leader", () -> leaderOutcome.set(call(() -> engine.get(CACHE, KEY, strict, () -> {
            loaderEntered.countDown();
            assertTrue(releaseLoader.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
            return "v1";
        }))));
        assertTrue(loaderEntered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        AtomicReference<Object> waiterOutcome = new AtomicReference<>();
        Thread waiter = Threads.start("waiter", () -> waiterOutcome.set(call(() -> engine.get(CACHE, KEY, strict,
            () -> "unused"))));
        Threads.awaitBlocked(waiter);

        clock.advance(Duration.ofSeconds(5));
        Threads.join(waiter);
        assertTrue(waiterOutcome.get() instanceof LockTimeoutException, String.valueOf(waiterOutcome.get()));
        assertTrue(leader.isAlive(), "the waiter did not wait for the slow regeneration");
        releaseLoader.countDown();
        Threads.join(leader);
        assertEquals("v1", leaderOutcome.get());
    }

    @Test
    void get_interruptedWhileWaitingForLock_keepsInterruptStatusAndLeaksNoLock() throws Exception {
        LockLease otherLease = otherMember.tryLock(CACHE, KEY, 60_000);
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicReference<Boolean> interruptStatus = new AtomicReference<>();
        Runnable waiting = () -> {
            outcome.set(call(() -> engine.get(CACHE, KEY, policy, () -> "v1")));
            interruptStatus.set(Thread.currentThread().isInterrupted());
        };
        Thread leader = Threads.start("leader", waiting);
        Threads.awaitBlocked(leader);
        AtomicReference<Object> followerOutcome = new AtomicReference<>();
        Thread follower = Threads.start("follower", () -> followerOutcome.set(call(() -> engine.get(CACHE, KEY, policy,
            () -> "v1"))));
        Threads.awaitBlocked(follower);

        leader.interrupt();
        Threads.join(leader);
        assertTrue(outcome.get() instanceof LockWaitInterruptedException, String.valueOf(outcome.get()));
        assertTrue(interruptStatus.get());

        assertTrue(otherMember.release(otherLease), "nobody but the other member ever held the lock");
        Threads.join(follower);
        assertEquals("v1", followerOutcome.get(), "the follower took over the wait and loaded");
        LockLease after = otherMember.tryLock(CACHE, KEY, 1_000);
        assertNotNull(after, "no lock leaked");
    }

    @Test
    void get_waiterInterrupted_keepsInterruptStatusWhileLeaderCarriesOn() throws Exception {
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch releaseLoader = new CountDownLatch(1);
        AtomicReference<Object> leaderOutcome = new AtomicReference<>();
        Thread leader = Threads.start("leader", () -> leaderOutcome.set(call(() -> engine.get(CACHE, KEY, policy, () -> {
            loaderEntered.countDown();
            assertTrue(releaseLoader.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
            return "v1";
        }))));
        assertTrue(loaderEntered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        AtomicReference<Object> waiterOutcome = new AtomicReference<>();
        AtomicReference<Boolean> interruptStatus = new AtomicReference<>();
        Thread waiter = Threads.start("waiter", () -> {
            waiterOutcome.set(call(() -> engine.get(CACHE, KEY, policy, () -> "unused")));
            interruptStatus.set(Thread.currentThread().isInterrupted());
        });
        Threads.awaitBlocked(waiter);

        waiter.interrupt();
        Threads.join(waiter);
        assertTrue(waiterOutcome.get() instanceof LockWaitInterruptedException);
        assertTrue(interruptStatus.get());
        releaseLoader.countDown();
        Threads.join(leader);
        assertEquals("v1", leaderOutcome.get());
    }

    @Test
    void get_backgroundModeWithStaleEntry_lockWinnerReturnsStaleAndLoaderRunsOnExecutor() throws Exception {
        DogpilePolicy background = policy.withBackground(true);
        engine.get(CACHE, KEY, background, () -> "v1");
        assertTrue(backgroundTasks.isEmpty(), "the first value is loaded in the foreground: there is nothing stale to return");
        clock.advance(EXPIRE);
        AtomicInteger loads = new AtomicInteger();

        assertEquals("v1", engine.get(CACHE, KEY, background, () -> "v" + (1 + loads.incrementAndGet())));
        assertEquals("v1", engine.get(CACHE, KEY, background, () -> "v" + (1 + loads.incrementAndGet())));
        assertEquals(0, loads.get());
        assertEquals(1, backgroundTasks.size(), "one regeneration while it is in flight");
        assertNull(otherMember.tryLock(CACHE, KEY, 1_000), "the lock belongs to the background regeneration");

        backgroundTasks.poll().run();
        assertEquals(1, loads.get());
        assertEquals("v2", engine.get(CACHE, KEY, background, () -> "unused"));
        assertNotNull(otherMember.tryLock(CACHE, KEY, 1_000), "released when the regeneration finished");
    }

    @Test
    void get_backgroundRegenerationFails_staleStaysAndLockIsReleased() throws Exception {
        DogpilePolicy background = policy.withBackground(true);
        engine.get(CACHE, KEY, background, () -> "v1");
        clock.advance(EXPIRE);

        assertEquals("v1", engine.get(CACHE, KEY, background, () -> {
            throw new IllegalStateException("backend down");
        }));
        backgroundTasks.poll().run();
        assertEquals("v1", engine.peek(CACHE, KEY).orElseThrow().value());
        assertEquals("v2", engine.get(CACHE, KEY, policy, () -> "v2"), "lock released, so the next caller regenerates");
    }

    @Test
    void get_backgroundExecutorRejects_regeneratesOnCallerThread() throws Exception {
        DogpileEngine rejecting = new DogpileEngine(store, task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        });
        DogpilePolicy background = policy.withBackground(true);
        rejecting.get(CACHE, KEY, background, () -> "v1");
        clock.advance(EXPIRE);
        assertEquals("v2", rejecting.get(CACHE, KEY, background, () -> "v2"));
    }

    @Test
    void invalidateSoftly_freshEntry_nextCallerRegeneratesWhileOthersGetOldValue() throws Exception {
        engine.get(CACHE, KEY, policy, () -> "v1");
        assertTrue(engine.invalidateSoftly(CACHE, KEY));
        LockLease regenerating = otherMember.tryLock(CACHE, KEY, 60_000); // as if another caller were regenerating

        assertEquals("v1", engine.get(CACHE, KEY, policy, () -> "v2"));
        assertTrue(otherMember.release(regenerating));
        assertEquals("v2", engine.get(CACHE, KEY, policy, () -> "v2"));
        assertEquals("v2", engine.get(CACHE, KEY, policy, () -> "v3"));
    }

    @Test
    void invalidate_hard_removesEntrySoNextCallerLoads() throws Exception {
        engine.get(CACHE, KEY, policy, () -> "v1");
        engine.invalidate(CACHE, KEY);
        assertTrue(engine.peek(CACHE, KEY).isEmpty());
        assertEquals("v2", engine.get(CACHE, KEY, policy, () -> "v2"));
    }

    @Test
    void invalidateAll_hardAndSoft_affectEveryKeyOfTheCacheOnly() throws Exception {
        engine.get(CACHE, "a", policy, () -> "a1");
        engine.get(CACHE, "b", policy, () -> "b1");
        engine.get("other", "a", policy, () -> "o1");

        engine.invalidateAllSoftly(CACHE);
        assertTrue(engine.peek(CACHE, "a").orElseThrow().invalidated());
        assertFalse(engine.peek("other", "a").orElseThrow().invalidated());
        engine.invalidateAll(CACHE);
        assertTrue(engine.peek(CACHE, "b").isEmpty());
        assertEquals("o1", engine.get("other", "a", policy, () -> "o2"));
    }

    @Test
    void get_nullResult_cachedAsMarkerUnlessDisabled() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        Loader<String> nothing = () -> {
            loads.incrementAndGet();
            return null;
        };
        assertNull(engine.get(CACHE, KEY, policy, nothing));
        assertNull(engine.get(CACHE, KEY, policy, nothing));
        assertEquals(1, loads.get());

        DogpilePolicy noNulls = policy.withCacheNull(false);
        assertNull(engine.get(CACHE, "other", noNulls, nothing));
        assertNull(engine.get(CACHE, "other", noNulls, nothing));
        assertEquals(3, loads.get());
    }

    @Test
    void get_pastExpiryPlusMaxStale_entryIsGoneAndCallerWaitsForNewValue() throws Exception {
        DogpilePolicy shortGrace = policy.withMaxStale(Duration.ofSeconds(10));
        engine.get(CACHE, KEY, shortGrace, () -> "v1");

        clock.advance(Duration.ofSeconds(20));
        assertTrue(engine.peek(CACHE, KEY).isPresent(), "still within expireAfter + maxStale + 1 s");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(engine.peek(CACHE, KEY).isEmpty(), "the store dropped it at its hard TTL");
        assertEquals("v2", engine.get(CACHE, KEY, shortGrace, () -> "v2"));
    }

    @Test
    void get_nullArguments_rejectedNamingTheParameter() {
        assertEquals("cache cannot be null",
            assertThrows(NullPointerException.class, () -> engine.get(null, KEY, policy, () -> "v")).getMessage());
        assertEquals("key cannot be null",
            assertThrows(NullPointerException.class, () -> engine.get(CACHE, null, policy, () -> "v")).getMessage());
        assertEquals("policy cannot be null",
            assertThrows(NullPointerException.class, () -> engine.get(CACHE, KEY, null, () -> "v")).getMessage());
        assertEquals("loader cannot be null",
            assertThrows(NullPointerException.class, () -> engine.get(CACHE, KEY, policy, null)).getMessage());
        assertEquals("store cannot be null",
            assertThrows(NullPointerException.class, () -> new DogpileEngine(null)).getMessage());
    }

    @Test
    void get_entryWrittenByAnotherMemberWhileWaiting_returnsItWithoutLoading() throws Exception {
        LockLease otherLease = otherMember.tryLock(CACHE, KEY, 60_000);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Threads.start("caller", () -> outcome.set(call(() -> engine.get(CACHE, KEY, policy, () -> "mine"))));
        Threads.awaitBlocked(caller);

        writeAsAnotherMember("theirs");
        Threads.join(caller);
        assertEquals("theirs", outcome.get());
        assertTrue(otherMember.release(otherLease));
    }

    /** Writes a fresh value the way another member's regeneration would. */
    private void writeAsAnotherMember(Object value) {
        long now = clock.getAsLong();
        StoredEntry entry = StoredEntry.value(42, now, EXPIRE.toMillis(), now + policy.hardTtlMillis(), "", value);
        StoredEntry current = store.entries().get(CACHE, KEY);
        assertTrue(current == null ? store.entries().putIfAbsent(CACHE, KEY, entry, 60_000)
            : store.entries().replace(CACHE, KEY, current, entry, 60_000));
    }

    /** Runs the call and returns its value or the exception it threw. */
    private static Object call(java.util.concurrent.Callable<?> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e;
        }
    }
}
