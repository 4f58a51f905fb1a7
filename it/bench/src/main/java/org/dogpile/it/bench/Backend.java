package org.dogpile.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The expensive method every system protects: takes {@value #WORK_MILLIS} ms and records when it
 * was invoked. One backend per system, so each counts its own invocations.
 */
public final class Backend {
    /** How long one invocation takes. */
    public static final long WORK_MILLIS = 200;

    /** The backend behind {@code @Dogpile}. */
    public static final Backend DOGPILE = new Backend();
    /** The backend behind Spring's {@code @Cacheable}. */
    public static final Backend SPRING = new Backend();
    /** The backend called without any cache. */
    public static final Backend NONE = new Backend();

    private final ConcurrentLinkedQueue<Long> invocations = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();

    private Backend() {
    }

    /**
     * The expensive method.
     *
     * @param key what to compute
     * @return the value: the key and the invocation's number
     */
    public String load(String key) {
        invocations.add(System.nanoTime());
        long n = count.incrementAndGet();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WORK_MILLIS));
        return key + "#" + n;
    }

    /** @return how often the method ran so far */
    public long invocations() {
        return count.get();
    }

    /**
     * @param fromNanos a {@link System#nanoTime()} value
     * @return the {@link System#nanoTime()} of each invocation since then, in order
     */
    public List<Long> invocationsSince(long fromNanos) {
        List<Long> since = new ArrayList<>();
        for (Long at : invocations) {
            if (at >= fromNanos) {
                since.add(at);
            }
        }
        since.sort(null);
        return since;
    }
}
