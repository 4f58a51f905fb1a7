package org.dogpile.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A clock that moves only when a test moves it. */
public final class ManualClock implements LongSupplier {
    private final AtomicLong millis = new AtomicLong(1_000_000);

    @Override
    public long getAsLong() {
        return millis.get();
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    /** The clock in nanoseconds, for {@code System.nanoTime()}-style consumers. */
    public long nanos() {
        return millis.get() * 1_000_000L;
    }
}
