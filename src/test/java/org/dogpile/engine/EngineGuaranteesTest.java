package org.dogpile.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dogpile.store.InMemoryStore;
import org.dogpile.store.LockLease;
import org.dogpile.store.OwnerTokenLocks;
import org.dogpile.testing.ManualClock;
import org.dogpile.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of the second engine generation, each shown by a scenario that broke them before:
 * two engines on one store stand for two cluster members; a manual clock moves leases and expiry.
 */
class EngineGuaranteesTest {

    private static final String CACHE = "prices";
    private static final String KEY = "s2:eu";
    private static final Duration EXPIRE = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofSeconds(3);

    private final ManualClock clock = new ManualClock();
    private final InMemoryStore store = new InMemoryStore(clock);
    private final DogpileEngine memberA = DogpileEngine.builder(store).renewalPeriod(Duration.ZERO).build();
    private final DogpileEngine memberB = DogpileEngine.builder(store).renewalPeriod(Duration.ZERO).build();
    private final DogpilePolicy policy = DogpilePolicy.expireAfter(EXPIRE).withLease(LEASE);
    private final OwnerTokenLocks locks = new OwnerTokenLocks(store.locks(), clock);

    @AfterEach
    void close() {
        memberA.close();
        memberB.close();
    }

    @Test
    void regeneration_outlivesItsLeaseWhileRenewed_nobodyElseRegenerates() throws Exception {
        memberA.get(CACHE, KEY, policy, () -> "v1");
        clock.advance(EXPIRE);
        Blocked slow = new Blocked("v2");
        Thread regenerating = Threads.start("member-a", () -> slow.result.set(call(() -> memberA.get(CACHE, KEY, policy, slow))));
        slow.awaitEntered();

        AtomicInteger otherLoads = new AtomicInteger();
        for (int third = 0; third < 9; third++) { // three whole leases, renewed every third
            clock.advance(Duration.ofSeconds(1));
            memberA.renewLeases();
            assertEquals("v1", memberB.get(CACHE, KEY, policy, () -> "b" + otherLoads.incrementAndGet()));
        }
        assertEquals(0, otherLoads.get(), "the lease never ran out, so member B never regenerated");

        slow.release.countDown();
        Threads.join(regenerating);
        assertEquals("v2", slow.result.get());
        assertEquals("v2", memberB.get(CACHE, KEY, policy, () -> "unused"));
    }

    @Test
    void regeneration_lostItsLease_itsLateWriteNeverOverwritesTheNewerValue() throws Exception {
        memberA.get(CACHE, KEY, policy, () -> "v1");
        clock.advance(EXPIRE);
        Blocked frozen = new Blocked("old-from-a");
        Thread regenerating = Threads.start("member-a", () -> frozen.result.set(call(() -> memberA.get(CACHE, KEY, policy, frozen))));
        frozen.awaitEntered();

        clock.advance(LEASE); // member A is frozen: no renewal
        assertEquals("new-from-b", memberB.get(CACHE, KEY, policy, () -> "new-from-b"));

        frozen.release.countDown();
        Threads.join(regenerating);
        assertEquals("old-from-a", frozen.result.get(), "its own caller still gets its result");
        assertEquals("new-from-b", memberB.peek(CACHE, KEY).orElseThrow().value(), "the late write was refused");
        assertEquals("new-from-b", memberA.get(CACHE, KEY, policy, () -> "unused"));
    }

    @Test
    void renewal_afterLeaseWasTakenOver_reportsTheLeaseLost() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        DogpileEngine listened = DogpileEngine.builder(store).renewalPeriod(Duration.ZERO)
            .listener(new DogpileListener() {
                @Override
                public void onLeaseLost(String cache) {
                    lost.incrementAndGet();
                }
            }).build();
        Blocked slow = new Blocked("late");
        Thread regenerating = Threads.start("member-a", () -> slow.result.set(call(() -> listened.get(CACHE, KEY, policy, slow))));
        slow.awaitEntered();
        clock.advance(LEASE);
        LockLease takenOver = locks.tryLock(CACHE, KEY, 60_000);
        assertNotNull(takenOver);

        listened.renewLeases();
        assertEquals(1, lost.get());
        slow.release.countDown();
        Threads.join(regenerating);
        assertNull(locks.tryLock(CACHE, KEY, 1_000), "the late release did not free the new owner's lock");
        assertTrue(locks.release(takenOver));
        listened.close();
    }

    @Test
    void hardInvalidation_duringColdRegeneration_resultIsNotStoredAndLaterCallersDoNotJoinIt() throws Exception {
        Blocked before = new Blocked("before-invalidation");
        Thread regenerating = Threads.start("regenerating", () -> before.result.set(call(() -> memberA.get(CACHE, KEY, policy, before))));
        before.awaitEntered();

        memberA.invalidate(CACHE, KEY);
        AtomicReference<Object> later = new AtomicReference<>();
        Thread laterCaller = Threads.start("later", () -> later.set(call(() -> memberA.get(CACHE, KEY, policy, () -> "after-invalidation"))));
        Threads.awaitBlocked(laterCaller);

        before.release.countDown();
        Threads.join(regenerating);
        Threads.join(laterCaller);
        assertEquals("before-invalidation", before.result.get(), "its own caller gets its result");
        assertEquals("after-invalidation", later.get(), "a caller after the invalidation never gets older data");
        assertEquals("after-invalidation", memberA.peek(CACHE, KEY).orElseThrow().value());
    }

    @Test
    void hardInvalidation_waiterOfOldAttemptOnOtherMember_startsOverInsteadOfGettingOlderData() throws Exception {
        Blocked before = new Blocked("before-invalidation");
        Thread regenerating = Threads.start("leader-b", () -> before.result.set(call(() -> memberB.get(CACHE, KEY, policy, before))));
        before.awaitEntered();
        AtomicReference<Object> waiter = new AtomicReference<>();
        AtomicInteger waiterLoads = new AtomicInteger();
        Thread waiting = Threads.start("waiter-b", () -> waiter.set(call(() -> memberB.get(CACHE, KEY, policy,
            () -> "after-invalidation-" + waiterLoads.incrementAndGet()))));
        Threads.awaitBlocked(waiting);

        memberA.invalidate(CACHE, KEY); // member A cannot reach member B's flights: the refused write tells B
        before.release.countDown();
        Threads.join(regenerating);
        Threads.join(waiting);
        assertEquals("after-invalidation-1", waiter.get());
        assertEquals("after-invalidation-1", memberA.get(CACHE, KEY, policy, () -> "unused"));
    }

    @Test
    void softInvalidation_duringRegeneration_resultIsNotStoredAsFresh() throws Exception {
        memberA.get(CACHE, KEY, policy, () -> "v1");
        clock.advance(EXPIRE);
        Blocked before = new Blocked("v2-before-invalidation");
        Thread regenerating = Threads.start("regenerating", () -> before.result.set(call(() -> memberA.get(CACHE, KEY, policy, before))));
        before.awaitEntered();

        assertTrue(memberB.invalidateSoftly(CACHE, KEY));
        before.release.countDown();
        Threads.join(regenerating);
        assertTrue(memberA.peek(CACHE, KEY).orElseThrow().invalidated(), "still stale: the regeneration started before");
        assertEquals("v3", memberA.get(CACHE, KEY, policy, () -> "v3"), "the next caller regenerates");
    }

    @Test
    void invalidateAll_duringColdRegeneration_resultIsNotStored() throws Exception {
        Blocked before = new Blocked("before");
        Thread regenerating = Threads.start("regenerating", () -> before.result.set(call(() -> memberA.get(CACHE, KEY, policy, before))));
        before.awaitEntered();

        memberB.invalidateAll(CACHE);
        before.release.countDown();
        Threads.join(regenerating);
        assertTrue(memberA.peek(CACHE, KEY).isEmpty());
    }

    @Test
    void invalidateAllSoftly_duringColdRegeneration_resultIsNotStored() throws Exception {
        Blocked before = new Blocked("before");
        Thread regenerating = Threads.start("regenerating", () -> before.result.set(call(() -> memberA.get(CACHE, KEY, policy, before))));
        before.awaitEntered();

        memberB.invalidateAllSoftly(CACHE);
        before.release.countDown();
        Threads.join(regenerating);
        assertTrue(memberA.peek(CACHE, KEY).isEmpty());
    }

    @Test
    void storeReadFails_callerGetsTheMethodsResultUncached() throws Exception {
        CountingStore failing = new CountingStore(store);
        DogpileEngine engine = DogpileEngine.builder(failing).renewalPeriod(Duration.ZERO).build();
        failing.failing.add("read");
        AtomicInteger loads = new AtomicInteger();

        assertEquals("v1", engine.get(CACHE, KEY, policy, () -> "v" + loads.incrementAndGet()));
        assertEquals("v2", engine.get(CACHE, KEY, policy, () -> "v" + loads.incrementAndGet()));
        failing.failing.clear();
        assertTrue(engine.peek(CACHE, KEY).isEmpty(), "nothing was cached during the outage");
        engine.close();
    }

    @Test
    void storeReadFails_callersOfThisJvmArrivingMeanwhileShareOneMethodRun() throws Exception {
        CountingStore failing = new CountingStore(store);
        DogpileEngine engine = DogpileEngine.builder(failing).renewalPeriod(Duration.ZERO).build();
        failing.failing.add("read");
        Blocked slow = new Blocked("v1");
        Thread first = Threads.start("first", () -> slow.result.set(call(() -> engine.get(CACHE, KEY, policy, slow))));
        slow.awaitEntered();
        AtomicInteger laterLoads = new AtomicInteger();
        AtomicReference<Object> later = new AtomicReference<>();
        Thread second = Threads.start("second", () -> later.set(call(() -> engine.get(CACHE, KEY, policy,
            () -> "run-" + laterLoads.incrementAndGet()))));
        Threads.awaitBlocked(second);

        slow.release.countDown();
        Threads.join(first);
        Threads.join(second);
        assertEquals("v1", slow.result.get());
        assertEquals("v1", later.get(), "a caller arriving while the method runs without the store shares that run");
        assertEquals(0, laterLoads.get());
        assertEquals("run-1", engine.get(CACHE, KEY, policy, () -> "run-" + laterLoads.incrementAndGet()),
            "a caller arriving after it ended runs the method again: nothing was cached");
        failing.failing.clear();
        assertTrue(engine.peek(CACHE, KEY).isEmpty(), "nothing was cached during the outage");
        engine.close();
    }

    @Test
    void storeReadFailsWithThrowFallback_callerGetsStoreUnavailableAndMethodNeverRuns() {
        CountingStore failing = new CountingStore(store);
        DogpileEngine engine = DogpileEngine.builder(failing).renewalPeriod(Duration.ZERO).build();
        failing.failing.add("read");
        AtomicInteger loads = new AtomicInteger();

        StoreUnavailableException thrown = assertThrows(StoreUnavailableException.class, () -> engine.get(CACHE, KEY,
            policy.withStoreFailure(StoreFailureFallback.THROW), () -> "v" + loads.incrementAndGet()));
        assertTrue(thrown.getMessage().startsWith("the store of cache 'prices' failed: store read failed"), thrown.getMessage());
        assertFalse(thrown.getMessage().contains(KEY), "messages carry no key");
        assertEquals(0, loads.get());
        engine.close();
    }

    @Test
    void storeWriteFailsAfterTheMethodRan_resultReturnedToCallerAndWaitersWithoutRerun() throws Exception {
        CountingStore failing = new CountingStore(store);
        DogpileEngine engine = DogpileEngine.builder(failing).renewalPeriod(Duration.ZERO).build();
        Blocked slow = new Blocked("v1");
        Thread leader = Threads.start("leader", () -> slow.result.set(call(() -> engine.get(CACHE, KEY, policy, slow))));
        slow.awaitEntered();
        AtomicReference<Object> waiter = new AtomicReference<>();
        AtomicInteger waiterLoads = new AtomicInteger();
        Thread waiting = Threads.start("waiter", () -> waiter.set(call(() -> engine.get(CACHE, KEY, policy,
            () -> "rerun-" + waiterLoads.incrementAndGet()))));
        Threads.awaitBlocked(waiting);

        failing.failing.add("write");
        slow.release.countDown();
        Threads.join(leader);
        Threads.join(waiting);
        assertEquals("v1", slow.result.get());
        assertEquals("v1", waiter.get());
        assertEquals(0, waiterLoads.get(), "the method is never re-run because storing its result failed");
        engine.close();
    }

    @Test
    void storeLockFails_callerFailsOpenAfterThatOneFailureAndNothingIsLeftLocked() throws Exception {
        CountingStore failing = new CountingStore(store);
        DogpileEngine engine = DogpileEngine.builder(failing).renewalPeriod(Duration.ZERO).build();
        failing.failing.add("lock");
        assertEquals("v1", engine.get(CACHE, KEY, policy, () -> "v1"));
        // each store call may take the whole bound: retrying would multiply what a frozen member costs the caller
        assertEquals(1, failing.locks.get(), "store calls after the first failure");
        failing.failing.clear();
        assertEquals("v2", engine.get(CACHE, KEY, policy, () -> "v2"));
        engine.close();
    }

    @Test
    void invalidation_whenStoreFails_throwsStoreUnavailable() {
        CountingStore failing = new CountingStore(store);
        DogpileEngine engine = DogpileEngine.builder(failing).renewalPeriod(Duration.ZERO).build();
        failing.failing.add("remove");
        assertThrows(StoreUnavailableException.class, () -> engine.invalidate(CACHE, KEY));
        engine.close();
    }

    @Test
    void lateWaiter_leaderTimesOutFirst_waiterKeepsWaitingUntilItsOwnDeadline() throws Exception {
        DogpilePolicy strict = policy.withLockTimeout(Duration.ofSeconds(5), LockTimeoutFallback.THROW);
        LockLease held = locks.tryLock(CACHE, KEY, 600_000);
        AtomicReference<Object> leader = new AtomicReference<>();
        Thread leading = Threads.start("leader", () -> leader.set(call(() -> memberA.get(CACHE, KEY, strict, () -> "unused"))));
        Threads.awaitBlocked(leading);
        clock.advance(Duration.ofSeconds(3));
        AtomicReference<Object> late = new AtomicReference<>();
        Thread lateCaller = Threads.start("late", () -> late.set(call(() -> memberA.get(CACHE, KEY, strict, () -> "unused"))));
        Threads.awaitBlocked(lateCaller);

        clock.advance(Duration.ofSeconds(2)); // the leader's deadline, not the late caller's
        Threads.join(leading);
        assertInstanceOf(LockTimeoutException.class, leader.get());
        Threads.awaitBlocked(lateCaller);
        assertNull(late.get(), "the late caller has 3 s left and keeps waiting");

        assertTrue(locks.release(held));
        Threads.join(lateCaller);
        assertEquals("unused", late.get(), "it got the lock within its own timeout");
    }

    @Test
    void leaderInterruptedInsideTheMethod_waitersStartOverInsteadOfGettingItsInterruption() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicReference<Object> leader = new AtomicReference<>();
        Thread leading = Threads.start("leader", () -> leader.set(call(() -> memberA.get(CACHE, KEY, policy, () -> {
            entered.countDown();
            new CountDownLatch(1).await(); // until interrupted
            return "never";
        }))));
        assertTrue(entered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        AtomicReference<Object> waiter = new AtomicReference<>();
        Thread waiting = Threads.start("waiter", () -> waiter.set(call(() -> memberA.get(CACHE, KEY, policy, () -> "v2"))));
        Threads.awaitBlocked(waiting);

        leading.interrupt();
        Threads.join(leading);
        Threads.join(waiting);
        assertInstanceOf(InterruptedException.class, leader.get());
        assertEquals("v2", waiter.get(), "the waiter was not interrupted: it started over and loaded");
    }

    @Test
    void backgroundTaskDiscardedByExecutor_keyIsReleasedAfterOneLease() throws Exception {
        Queue<Runnable> discarded = new ConcurrentLinkedQueue<>();
        DogpileEngine discarding = DogpileEngine.builder(store).executor(discarded::add).renewalPeriod(Duration.ZERO).build();
        DogpilePolicy background = policy.withBackground(true);
        discarding.get(CACHE, KEY, background, () -> "v1");
        clock.advance(EXPIRE);
        assertEquals("v1", discarding.get(CACHE, KEY, background, () -> "v2"));
        assertEquals(1, discarded.size());
        discarded.clear(); // the executor dropped it (DiscardPolicy, shutdownNow)

        clock.advance(LEASE);
        discarding.renewLeases();
        assertEquals("v3", discarding.get(CACHE, KEY, policy, () -> "v3"), "the key is free again: this caller regenerates");
        assertEquals("v3", discarding.get(CACHE, KEY, policy, () -> "unused"));
        discarding.close();
    }

    @Test
    void backgroundTaskStartedAfterItWasAbandoned_doesNothing() throws Exception {
        Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
        DogpileEngine slowExecutor = DogpileEngine.builder(store).executor(queued::add).renewalPeriod(Duration.ZERO).build();
        DogpilePolicy background = policy.withBackground(true);
        slowExecutor.get(CACHE, KEY, background, () -> "v1");
        clock.advance(EXPIRE);
        AtomicInteger loads = new AtomicInteger();
        slowExecutor.get(CACHE, KEY, background, () -> "v" + (1 + loads.incrementAndGet()));
        clock.advance(LEASE);
        slowExecutor.renewLeases();

        queued.poll().run();
        assertEquals(0, loads.get());
        slowExecutor.close();
    }

    @Test
    void staleIfErrorLongerThanMaxStale_isNotCutShortByTheHardTtl() throws Exception {
        DogpilePolicy forgiving = policy.withMaxStale(Duration.ofSeconds(5)).withStaleIfError(Duration.ofMinutes(1));
        memberA.get(CACHE, KEY, forgiving, () -> "v1");
        clock.advance(EXPIRE.plusSeconds(30));
        assertEquals("v1", memberA.get(CACHE, KEY, forgiving, () -> {
            throw new IllegalStateException("backend down");
        }));
    }

    @Test
    void hugeDurations_areRejectedNamingTheComponentOrWorkWithoutOverflow() throws Exception {
        assertEquals("lease cannot be longer than PT8760H: PT8784H",
            assertThrows(IllegalArgumentException.class, () -> policy.withLease(Duration.ofDays(366))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> policy.withLockTimeout(Duration.ofSeconds(Long.MAX_VALUE), LockTimeoutFallback.THROW))
            .getMessage().startsWith("lockTimeout cannot be longer than"));
        DogpilePolicy longest = DogpilePolicy.expireAfter(DogpilePolicy.MAX_DURATION)
            .withMaxStale(DogpilePolicy.MAX_DURATION).withLease(DogpilePolicy.MAX_DURATION)
            .withLockTimeout(DogpilePolicy.MAX_DURATION, LockTimeoutFallback.THROW);
        assertEquals("v1", memberA.get(CACHE, KEY, longest, () -> "v1"));
        assertEquals("v1", memberB.get(CACHE, KEY, longest, () -> "v2"));

        LockLease forever = locks.tryLock(CACHE, "other", Long.MAX_VALUE);
        assertNotNull(forever);
        assertNull(locks.tryLock(CACHE, "other", Long.MAX_VALUE), "no overflow: the first lease still holds");
    }

    @Test
    void defaultExecutor_isTheEnginesOwnNotTheCommonPool() throws Exception {
        DogpileEngine plain = new DogpileEngine(store);
        DogpilePolicy background = policy.withBackground(true).withLease(Duration.ofMinutes(1));
        plain.get(CACHE, KEY, background, () -> "v1");
        clock.advance(EXPIRE);
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        plain.get(CACHE, KEY, background, () -> {
            thread.set(Thread.currentThread().getName());
            ran.countDown();
            return "v2";
        });
        assertTrue(ran.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        assertTrue(thread.get().startsWith("dogpile-regeneration-"), thread.get());
        plain.close();
    }

    @Test
    void manyVirtualOrPlatformThreadsOnTwoMembers_oneRegenerationPerExpiry() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        memberA.get(CACHE, KEY, policy, () -> "v0");
        for (int expiry = 1; expiry <= 5; expiry++) {
            clock.advance(EXPIRE);
            int round = expiry;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService callers = Threads.perTaskExecutor();
            List<DogpileEngine> members = List.of(memberA, memberB);
            for (int i = 0; i < 200; i++) {
                DogpileEngine member = members.get(i % 2);
                callers.submit(() -> {
                    go.await();
                    return member.get(CACHE, KEY, policy, () -> {
                        loads.incrementAndGet();
                        return "v" + round;
                    });
                });
            }
            go.countDown();
            Threads.finish(callers);
            assertEquals("v" + round, memberA.get(CACHE, KEY, policy, () -> "unused"));
        }
        assertEquals(5, loads.get());
    }

    @Test
    void defaultLease_isSecondsNotAMinute() {
        assertEquals(Duration.ofSeconds(5), DogpilePolicy.DEFAULT_LEASE);
    }

    /** A loader that blocks until released, remembering that it was entered. */
    private static final class Blocked implements Loader<String> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Object> result = new AtomicReference<>();
        private final String value;

        Blocked(String value) {
            this.value = value;
        }

        @Override
        public String load() throws Exception {
            entered.countDown();
            assertTrue(release.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
            return value;
        }

        void awaitEntered() throws InterruptedException {
            assertTrue(entered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        }
    }

    private static Object call(java.util.concurrent.Callable<?> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e;
        }
    }
}
