package org.dogpile.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store call that never answers (a frozen member) fails within the bound instead of hanging the
 * caller, and a backend full of such calls makes further calls fail at once.
 */
class BoundedCallsTest {

    private final BoundedCalls calls = new BoundedCalls(Duration.ofMillis(200));
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void close() {
        never.countDown();
        calls.close();
    }

    @Test
    void call_backendNeverAnswers_failsWithStoreExceptionNamingTheBound() {
        long start = System.nanoTime();
        StoreException failure = assertThrows(StoreException.class, () -> calls.call("hazelcast read in cache 'prices'", () -> {
            never.await();
            return "never";
        }));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("hazelcast read in cache 'prices': no answer within PT0.2S", failure.getMessage());
        assertTrue(tookMillis >= 200 && tookMillis < 10_000, "returned after " + tookMillis + " ms");
    }

    @Test
    void await_stageNeverCompletes_failsWithinTheBound() {
        assertThrows(StoreException.class, () -> calls.await("read", new CompletableFuture<String>()));
    }

    @Test
    void call_backendFullOfStuckCalls_failsAtOnceWithoutWaiting() {
        for (int i = 0; i < 32; i++) {
            assertThrows(StoreException.class, () -> calls.call("stuck", () -> {
                blockIgnoringInterrupts(); // like a call stuck in a socket read: cancel(true) does not free it
                return null;
            }));
        }
        StoreException saturated = assertThrows(StoreException.class, () -> calls.call("next", () -> "fine"));
        assertTrue(saturated.getMessage().contains("still waiting for the store"), saturated.getMessage());
    }

    private void blockIgnoringInterrupts() {
        while (true) {
            try {
                never.await();
                return;
            } catch (InterruptedException ignored) {
                // keep blocking
            }
        }
    }

    @Test
    void call_backendFails_theFailureIsAStoreExceptionWithTheCause() {
        IllegalStateException down = new IllegalStateException("member gone");
        StoreException failure = assertThrows(StoreException.class, () -> calls.call("write", () -> {
            throw down;
        }));
        assertEquals(down, failure.getCause());
    }

    @Test
    void configuredTimeout_badProperty_rejectedNamingIt() {
        String before = System.getProperty(BoundedCalls.TIMEOUT_PROPERTY);
        System.setProperty(BoundedCalls.TIMEOUT_PROPERTY, "soon");
        try {
            assertEquals("dogpile.store.operation-timeout-millis must be a positive number of milliseconds: soon",
                assertThrows(IllegalArgumentException.class, BoundedCalls::configuredTimeout).getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(BoundedCalls.TIMEOUT_PROPERTY);
            } else {
                System.setProperty(BoundedCalls.TIMEOUT_PROPERTY, before);
            }
        }
    }
}
