package org.dogpile.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** The store's clock in the tests: moves only when a test moves it. */
@ApplicationScoped
public class ManualClock {
    private final AtomicLong millis = new AtomicLong(1_000_000);

    public long millis() {
        return millis.get();
    }

    public void advanceSeconds(long seconds) {
        millis.addAndGet(seconds * 1000);
    }

    public void advanceMillis(long delta) {
        millis.addAndGet(delta);
    }
}
