package org.dogpile.it.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it until a deadline: short pauses at first, longer ones later,
 * never past the deadline. On timeout, fails with what was awaited and the diagnostics given.
 */
public final class Poll {
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private Poll() {
    }

    /**
     * Polls until the condition holds.
     *
     * @param what what is awaited, for the failure message
     * @param timeout how long to wait at most
     * @param condition checked until it returns {@code true}
     * @param diagnostics appended to the failure message (for example the end of a log)
     * @throws AssertionError when the deadline passes first
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> diagnostics) {
        until(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), diagnostics);
    }

    /**
     * Polls until the probe finds something, and returns it.
     *
     * @param what what is awaited, for the failure message
     * @param timeout how long to wait at most
     * @param probe returns the result once there is one
     * @param diagnostics appended to the failure message
     * @param <T> the result type
     * @return the first result found
     * @throws AssertionError when the deadline passes first
     */
    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> diagnostics) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                    + "\n" + diagnostics.get());
            }
            LockSupport.parkNanos(Math.min(pause, left));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }
}
