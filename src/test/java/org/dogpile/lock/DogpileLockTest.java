package org.dogpile.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dogpile.testing.ManualClock;
import org.dogpile.testing.Threads;
import org.junit.jupiter.api.Test;

/** One test per paragraph of the seed's documented behaviour, plus misuse. */
class DogpileLockTest {

    private static final Duration EXPIRE = Duration.ofSeconds(3600);

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger creations = new AtomicInteger();
    private final AtomicReference<String> resource = new AtomicReference<>();

    @Test
    void acquire_firstCall_runsCreatorAndConcurrentCallersWaitForIt() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, false, clock::nanos);
        CountDownLatch creatorEntered = new CountDownLatch(1);
        CountDownLatch releaseCreator = new CountDownLatch(1);
        DogpileLock.Creator<Void> creator = () -> {
            creations.incrementAndGet();
            creatorEntered.countDown();
            assertTrue(releaseCreator.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
            resource.set("resource-" + creations.get());
            return null;
        };
        Thread first = Threads.start("first", () -> useResource(lock, creator, new AtomicReference<>()));
        assertTrue(creatorEntered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        List<AtomicReference<String>> seen = new ArrayList<>();
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AtomicReference<String> used = new AtomicReference<>();
            seen.add(used);
            others.add(Threads.start("other-" + i, () -> useResource(lock, creator, used)));
        }
        Threads.awaitBlocked(others); // nothing to use yet: they wait

        releaseCreator.countDown();
        Threads.join(first);
        for (Thread other : others) {
            Threads.join(other);
        }
        for (AtomicReference<String> used : seen) {
            assertEquals("resource-1", used.get(), "waiters proceed only once the resource exists");
        }
        assertEquals(1, creations.get());
    }

    @Test
    void acquire_afterExpiry_oneCallerRecreatesWhileOthersProceedWithoutWaiting() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, false, clock::nanos);
        try (var handle = lock.acquire(() -> resource.getAndSet("old"))) {
            assertTrue(handle.created());
        }
        clock.advance(EXPIRE);
        CountDownLatch creatorEntered = new CountDownLatch(1);
        CountDownLatch releaseCreator = new CountDownLatch(1);
        DogpileLock.Creator<Void> slowCreator = () -> {
            creations.incrementAndGet();
            creatorEntered.countDown();
            assertTrue(releaseCreator.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
            resource.set("new");
            return null;
        };
        Thread regenerating = Threads.start("regenerating", () -> useResource(lock, slowCreator, new AtomicReference<>()));
        assertTrue(creatorEntered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));

        ExecutorService others = Threads.perTaskExecutor();
        List<Future<String>> used = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            used.add(others.submit(() -> {
                try (var handle = lock.acquire(slowCreator)) {
                    assertFalse(handle.created());
                    return resource.get();
                }
            }));
        }
        Threads.finish(others); // all done while the creator is still blocked
        for (Future<String> value : used) {
            assertEquals("old", value.get());
        }
        releaseCreator.countDown();
        Threads.join(regenerating);
        assertEquals(1, creations.get());
        assertEquals("new", resource.get());
    }

    @Test
    void acquire_beforeExpiry_doesNotRunCreator() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, false, clock::nanos);
        lock.acquire(creations::incrementAndGet).close();
        clock.advance(EXPIRE.minusSeconds(1));
        lock.acquire(creations::incrementAndGet).close();
        assertEquals(1, creations.get());
        assertFalse(lock.isExpired());
    }

    @Test
    void acquire_withInitTrue_skipsTheInitialCreationUntilExpiry() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, true, clock::nanos);
        assertTrue(lock.hasValue());
        lock.acquire(creations::incrementAndGet).close();
        assertEquals(0, creations.get());
        clock.advance(EXPIRE);
        lock.acquire(creations::incrementAndGet).close();
        assertEquals(1, creations.get());
    }

    @Test
    void acquireValueFunction_getterHasValue_returnsItWithoutCreating() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, true, clock::nanos);
        AtomicInteger gets = new AtomicInteger();
        try (var handle = lock.acquire(() -> "created", () -> {
            gets.incrementAndGet();
            return "cached";
        })) {
            assertEquals("cached", handle.value());
            assertFalse(handle.created());
        }
        assertEquals(1, gets.get());
    }

    @Test
    void acquireValueFunction_getterNeedsRegeneration_returnsCreatorResultWithoutCallingGetterAgain() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, true, clock::nanos);
        AtomicInteger gets = new AtomicInteger();
        try (var handle = lock.acquire(() -> "created", () -> {
            gets.incrementAndGet();
            throw new NeedRegenerationException();
        })) {
            assertEquals("created", handle.value());
            assertTrue(handle.created());
        }
        assertEquals(1, gets.get(), "no second getter call after this caller created the value");
    }

    @Test
    void acquireValueFunction_initFalse_createsUnconditionallyOnFirstAcquire() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, false, clock::nanos);
        try (var handle = lock.acquire(() -> "created", () -> "cached-from-before")) {
            assertEquals("created", handle.value());
        }
        try (var handle = lock.acquire(() -> "created-again", () -> "cached")) {
            assertEquals("cached", handle.value());
        }
    }

    @Test
    void acquireValueFunction_expiredWhileAnotherCreates_returnsGetterValueAtOnce() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, true, clock::nanos);
        clock.advance(EXPIRE);
        CountDownLatch creatorEntered = new CountDownLatch(1);
        CountDownLatch releaseCreator = new CountDownLatch(1);
        Thread creating = Threads.start("creating", () -> {
            try (var handle = lock.acquire(() -> {
                creatorEntered.countDown();
                assertTrue(releaseCreator.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
                return "new";
            }, () -> "old")) {
                assertEquals("new", handle.value());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(creatorEntered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        try (var handle = lock.acquire(() -> "unexpected", () -> "old")) {
            assertEquals("old", handle.value());
        }
        releaseCreator.countDown();
        Threads.join(creating);
    }

    @Test
    void acquire_creatorThrows_callerGetsSameExceptionAndNextCallerCreates() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, false, clock::nanos);
        IllegalStateException failure = new IllegalStateException("backend down");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> lock.acquire(() -> {
            throw failure;
        })));
        assertFalse(lock.hasValue());
        try (var handle = lock.acquire(() -> "ok", () -> "ok")) {
            assertTrue(handle.created(), "the lock was released");
        }
    }

    @Test
    void acquire_creatorThrowsWhileOthersWait_waitersAreNotLeftBehind() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, false, clock::nanos);
        CountDownLatch creatorEntered = new CountDownLatch(1);
        CountDownLatch releaseCreator = new CountDownLatch(1);
        AtomicReference<Throwable> firstOutcome = new AtomicReference<>();
        Thread first = Threads.start("first", () -> {
            try {
                lock.acquire(() -> {
                    creatorEntered.countDown();
                    assertTrue(releaseCreator.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
                    throw new IllegalStateException("backend down");
                }).close();
            } catch (Exception e) {
                firstOutcome.set(e);
            }
        });
        assertTrue(creatorEntered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        AtomicReference<Boolean> waiterCreated = new AtomicReference<>();
        Thread waiter = Threads.start("waiter", () -> {
            try (var handle = lock.acquire(() -> "second try", () -> "second try")) {
                waiterCreated.set(handle.created());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Threads.awaitBlocked(waiter);

        releaseCreator.countDown();
        Threads.join(first);
        Threads.join(waiter);
        assertTrue(firstOutcome.get() instanceof IllegalStateException);
        assertTrue(waiterCreated.get(), "the waiter tried for itself");
    }

    @Test
    void handle_closedTwice_secondCloseDoesNothing() throws Exception {
        SyncReaderDogpileLock lock = new SyncReaderDogpileLock(EXPIRE, false, clock::nanos);
        var handle = lock.acquire(() -> null);
        handle.close();
        handle.close();
        try (var write = lock.acquireWriteLock()) {
            assertNull(handle.value());
        }
    }

    @Test
    void acquire_insideItsOwnCreatorWithAStaleValue_returnsTheOldValueWithoutRunningTheCreatorAgain() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, false, clock::nanos);
        AtomicInteger creations = new AtomicInteger();
        lock.acquire(() -> "v" + creations.incrementAndGet(), () -> "v" + creations.get()).close();
        clock.advance(EXPIRE);
        AtomicReference<Object> nested = new AtomicReference<>();
        DogpileLock.Creator<String> creator = () -> {
            try (var inner = lock.acquire(() -> "nested-" + creations.incrementAndGet(), () -> "v" + creations.get())) {
                nested.set(inner.value());
                assertFalse(inner.created());
            }
            return "v" + creations.incrementAndGet();
        };

        try (var outer = lock.acquire(creator, () -> "v" + creations.get())) {
            assertTrue(outer.created());
            assertEquals("v2", outer.value());
        }
        assertEquals("v1", nested.get(), "the nested acquire got the old value, as with the seed's lock");
        assertEquals(2, creations.get(), "the creator ran once per expiry");
    }

    @Test
    void acquire_insideItsOwnCreatorWithNoValue_failsInsteadOfWaitingForItself() throws Exception {
        DogpileLock lock = new DogpileLock(EXPIRE, false, clock::nanos);
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> lock.acquire(() -> {
            lock.acquire(() -> "inner").close();
            return "outer";
        }));
        assertTrue(failure.getMessage().contains("inside its own creator"), failure.getMessage());
        try (var handle = lock.acquire(() -> "again")) {
            assertTrue(handle.created(), "the lock was released");
        }
    }

    @Test
    void constructor_badArguments_rejectedNamingTheValue() {
        assertEquals("expireAfter must be positive: PT0S",
            assertThrows(IllegalArgumentException.class, () -> new DogpileLock(Duration.ZERO)).getMessage());
        assertEquals("expireAfter must be positive: PT-1S",
            assertThrows(IllegalArgumentException.class, () -> new DogpileLock(Duration.ofSeconds(-1))).getMessage());
        assertEquals("expireAfter cannot be null",
            assertThrows(NullPointerException.class, () -> new DogpileLock(null)).getMessage());
        DogpileLock lock = new DogpileLock(EXPIRE);
        assertEquals("creator cannot be null",
            assertThrows(NullPointerException.class, () -> lock.acquire(null)).getMessage());
        assertEquals("getter cannot be null",
            assertThrows(NullPointerException.class, () -> lock.acquire(() -> "v", null)).getMessage());
    }

    private void useResource(DogpileLock lock, DogpileLock.Creator<?> creator, AtomicReference<String> used) {
        try (var handle = lock.acquire(creator)) {
            used.set(resource.get());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
