package org.dogpile.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dogpile.testing.ManualClock;
import org.dogpile.testing.Threads;
import org.junit.jupiter.api.Test;

class SyncReaderDogpileLockTest {

    private static final Duration EXPIRE = Duration.ofSeconds(3600);
    private final ManualClock clock = new ManualClock();

    @Test
    void acquireWriteLock_readerInsideBlock_waitsUntilReaderLeaves() throws Exception {
        SyncReaderDogpileLock lock = new SyncReaderDogpileLock(EXPIRE, false, clock::nanos);
        List<String> events = new CopyOnWriteArrayList<>();
        lock.acquire(() -> events.add("created")).close();
        CountDownLatch readerInside = new CountDownLatch(1);
        CountDownLatch readerMayLeave = new CountDownLatch(1);
        Thread reader = Threads.start("reader", () -> {
            try (var handle = lock.acquire(() -> null)) {
                readerInside.countDown();
                assertTrue(readerMayLeave.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
                events.add("reader left");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(readerInside.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
        clock.advance(EXPIRE);
        Thread creator = Threads.start("creator", () -> {
            try (var handle = lock.acquire(() -> {
                try (var write = lock.acquireWriteLock()) {
                    events.add("swapped");
                }
                return null;
            })) {
                events.add("creator inside");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Threads.awaitBlocked(creator); // blocked on the write lock while the reader is inside

        readerMayLeave.countDown();
        Threads.join(reader);
        Threads.join(creator);
        assertEquals(List.of("created", "reader left", "swapped", "creator inside"), events);
    }

    @Test
    void acquire_whileWriteLockHeld_newReadersWait() throws Exception {
        SyncReaderDogpileLock lock = new SyncReaderDogpileLock(EXPIRE, true, clock::nanos);
        List<String> events = new CopyOnWriteArrayList<>();
        Thread reader;
        try (var write = lock.acquireWriteLock()) {
            reader = Threads.start("reader", () -> {
                try (var handle = lock.acquire(() -> null)) {
                    events.add("read");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            Threads.awaitBlocked(reader);
            events.add("written");
        }
        Threads.join(reader);
        assertEquals(List.of("written", "read"), events);
    }
}
