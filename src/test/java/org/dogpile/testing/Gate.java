package org.dogpile.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts method runs and, when closed, holds them until the test opens it. */
public final class Gate {
    private final AtomicInteger runs = new AtomicInteger();
    private volatile CountDownLatch entered = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);

    /**
     * Called by a method body: counts the run, then waits while the gate is closed.
     *
     * @return the number of this run, from 1
     */
    public int pass() {
        int run = runs.incrementAndGet();
        entered.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the gate was never opened");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted at the gate", interrupted);
        }
        return run;
    }

    /** Closes the gate: the next runs wait until {@link #open()}. */
    public void close() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    /** Lets every waiting and future run through. */
    public void open() {
        release.countDown();
    }

    /** Waits until a run is inside the closed gate. */
    public void awaitEntered() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no run entered the gate");
        }
    }

    /** @return how many runs passed or are waiting */
    public int runs() {
        return runs.get();
    }
}
