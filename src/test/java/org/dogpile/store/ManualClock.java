package org.dogpile.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A clock that moves only when told to; starts at the wall-clock time so stores see sane instants. */
public final class ManualClock implements LongSupplier {
    private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

    @Override
    public long getAsLong() {
        return millis.get();
    }

    /**
     * @param deltaMillis how far to move the clock forward
     * @return the new time
     */
    public long advance(long deltaMillis) {
        return millis.addAndGet(deltaMillis);
    }
}
