package org.dogpile.examples.weldse;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * A cache stampede: many callers start at the same instant and call one method in a loop, with a
 * short pause between calls, until the run's time is up. Every call is timed and classified by the
 * {@link PriceList} it returned:
 * <ul>
 * <li><b>waited</b>: the call took longer than {@link Workload#waitedThreshold()} (it waited for a
 *     value, or it ran the backend itself);</li>
 * <li><b>stale</b>: otherwise, when the list was older than the cache's expiry;</li>
 * <li><b>fresh</b>: otherwise.</li>
 * </ul>
 * Callers run on virtual threads when the JDK has them (21 and later), else on platform threads.
 */
public final class Stampede {

    /**
     * The shape of a run.
     *
     * @param callers how many callers call concurrently
     * @param duration how long they keep calling
     * @param minPause the shortest pause of a caller between two calls
     * @param maxPause the longest pause of a caller between two calls
     * @param waitedThreshold a call that takes longer than this counts as waited
     */
    public record Workload(int callers, Duration duration, Duration minPause, Duration maxPause,
            Duration waitedThreshold) {

        /** Validates the workload. */
        public Workload {
            if (callers <= 0) {
                throw new IllegalArgumentException("callers must be positive: " + callers);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive: " + duration);
            }
            if (minPause.isNegative() || maxPause.compareTo(minPause) < 0) {
                throw new IllegalArgumentException("pauses must satisfy 0 <= min <= max: " + minPause + ", " + maxPause);
            }
        }

        /**
         * The demo's workload: callers that pause 10 to 30 ms between calls, like users of a busy
         * page; a call slower than 50 ms waited.
         *
         * @param callers how many callers
         * @param duration how long they call
         * @return the workload
         */
        public static Workload of(int callers, Duration duration) {
            return new Workload(callers, duration, Duration.ofMillis(10), Duration.ofMillis(30), Duration.ofMillis(50));
        }

        /**
         * @param duration another duration
         * @return this workload for that long
         */
        public Workload lasting(Duration duration) {
            return new Workload(callers, duration, minPause, maxPause, waitedThreshold);
        }
    }

    /**
     * What a run measured.
     *
     * @param calls calls that returned a value
     * @param errors calls that threw
     * @param invocations backend invocations during the run
     * @param fresh calls served a fresh value quickly
     * @param stale calls served a stale value quickly
     * @param waited calls that took longer than the workload's threshold
     * @param elapsed from the start of the first call to the end of the last
     * @param latencyMicros the latency of every call, in microseconds
     * @param firstError the first exception a call threw, or {@code null}
     */
    public record Result(long calls, long errors, long invocations, long fresh, long stale, long waited,
            Duration elapsed, Histogram latencyMicros, Throwable firstError) {

        /**
         * The most backend invocations a dogpile-protected method may cause in this run: one for the
         * first value, then one per expiry that fits into the run.
         *
         * @param expireAfter how long a value stays fresh
         * @return {@code 1 + elapsed / expireAfter}, rounded down
         */
        public long maxInvocations(Duration expireAfter) {
            return 1 + elapsed.toMillis() / expireAfter.toMillis();
        }

        /** @return calls per second */
        public double throughput() {
            return calls * 1e9 / Math.max(1, elapsed.toNanos());
        }
    }

    private Stampede() {
    }

    /**
     * Runs a stampede.
     *
     * @param workload the callers and for how long
     * @param expireAfter values older than this count as stale
     * @param call the call every caller makes
     * @param invocations the backend's invocation count
     * @param progress receives a line per second, or {@code null} for none
     * @return what was measured
     * @throws InterruptedException when interrupted while waiting for the callers
     */
    public static Result run(Workload workload, Duration expireAfter, Supplier<PriceList> call,
            LongSupplier invocations, Consumer<String> progress) throws InterruptedException {
        long invocationsBefore = invocations.getAsLong();
        Counters counters = new Counters();
        CountDownLatch start = new CountDownLatch(1);
        long durationNanos = workload.duration().toNanos();
        long[] startNanos = new long[1];
        List<Future<Histogram>> callers = new ArrayList<>();
        ExecutorService threads = callerThreads(workload.callers());
        ScheduledExecutorService ticker = null;
        try {
            for (int i = 0; i < workload.callers(); i++) {
                callers.add(threads.submit(() -> {
                    start.await();
                    return callRepeatedly(workload, expireAfter, call, startNanos[0] + durationNanos, counters);
                }));
            }
            startNanos[0] = System.nanoTime();
            start.countDown(); // the latch publishes startNanos[0] to the callers
            if (progress != null) {
                ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "stampede-progress");
                    thread.setDaemon(true);
                    return thread;
                });
                long begun = startNanos[0];
                ticker.scheduleAtFixedRate(() -> progress.accept(counters.line(
                    System.nanoTime() - begun, invocations.getAsLong() - invocationsBefore)), 1, 1, TimeUnit.SECONDS);
            }
            Histogram latencies = new Histogram(3);
            for (Future<Histogram> caller : callers) {
                latencies.add(caller.get());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos[0]);
            return new Result(counters.calls.sum(), counters.errors.sum(), invocations.getAsLong() - invocationsBefore,
                counters.fresh.sum(), counters.stale.sum(), counters.waited.sum(), elapsed, latencies,
                counters.firstError.get());
        } catch (ExecutionException unexpected) {
            throw new IllegalStateException("a caller failed", unexpected.getCause());
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            threads.shutdownNow();
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the callers did not stop");
            }
        }
    }

    /** @return how the callers run: {@code "virtual threads"} or {@code "platform threads"} */
    public static String threadKind() {
        ExecutorService virtual = virtualThreads();
        if (virtual == null) {
            return "platform threads";
        }
        virtual.shutdown();
        return "virtual threads";
    }

    private static Histogram callRepeatedly(Workload workload, Duration expireAfter, Supplier<PriceList> call,
            long endNanos, Counters counters) {
        Histogram latencies = new Histogram(3);
        long expireAfterMillis = expireAfter.toMillis();
        long waitedNanos = workload.waitedThreshold().toNanos();
        long minPauseNanos = workload.minPause().toNanos();
        long maxPauseNanos = workload.maxPause().toNanos();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < endNanos && !Thread.currentThread().isInterrupted()) {
            long begin = System.nanoTime();
            try {
                PriceList prices = call.get();
                long took = System.nanoTime() - begin;
                latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(took));
                counters.calls.increment();
                counters.newestGeneration.accumulate(prices.generation());
                if (took > waitedNanos) {
                    counters.waited.increment();
                } else if (prices.ageMillis(System.currentTimeMillis()) >= expireAfterMillis) {
                    counters.stale.increment();
                } else {
                    counters.fresh.increment();
                }
            } catch (RuntimeException failure) {
                counters.errors.increment();
                counters.firstError.compareAndSet(null, failure);
            }
            LockSupport.parkNanos(minPauseNanos == maxPauseNanos ? minPauseNanos
                : random.nextLong(minPauseNanos, maxPauseNanos + 1));
        }
        return latencies;
    }

    /** Virtual threads when the JDK has them, looked up reflectively so that this compiles for Java 17. */
    private static ExecutorService callerThreads(int callers) {
        ExecutorService virtual = virtualThreads();
        if (virtual != null) {
            return virtual;
        }
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(callers, runnable -> {
            Thread thread = new Thread(runnable, "caller-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException unavailable) {
            return null; // before Java 21, or a preview feature that is not enabled
        }
    }

    /** Counters shared by the callers and read by the progress line. */
    private static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder fresh = new LongAdder();
        final LongAdder stale = new LongAdder();
        final LongAdder waited = new LongAdder();
        final LongAccumulator newestGeneration = new LongAccumulator(Math::max, 0);
        final AtomicReference<Throwable> firstError = new AtomicReference<>();

        String line(long elapsedNanos, long invocations) {
            return String.format(Locale.ROOT, "  %4.0f s %,10d %,12d %,11d %,9d %,9d %,7d",
                elapsedNanos / 1e9, calls.sum(), invocations, newestGeneration.get(), stale.sum(), waited.sum(),
                errors.sum());
        }
    }
}
