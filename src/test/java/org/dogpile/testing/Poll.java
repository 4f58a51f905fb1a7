package org.dogpile.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition, not for a time: checks it every millisecond and fails the test when it is
 * still false at the deadline ({@link Threads#TEST_DEADLINE_SECONDS} unless given), so a test never
 * races a sleep and never hangs.
 */
public final class Poll {
    private Poll() {
    }

    /**
     * @param what the condition, for the failure message
     * @param condition checked until true
     */
    public static void until(String what, BooleanSupplier condition) {
        until(what, Duration.ofSeconds(Threads.TEST_DEADLINE_SECONDS), condition);
    }

    /**
     * @param what the condition, for the failure message
     * @param deadline how long to wait at most
     * @param condition checked until true
     */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + deadline + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
