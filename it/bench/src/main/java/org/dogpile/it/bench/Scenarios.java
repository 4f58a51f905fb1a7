package org.dogpile.it.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The cluster scenarios: a stampede of callers released at once on an absent or a just-expired key,
 * and steady load over several expiries. Callers are platform threads, spread evenly over the
 * members; each measures its own calls.
 */
public final class Scenarios implements AutoCloseable {
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final int members;
    private final ExecutorService threads;

    /**
     * @param members how many members the systems have
     * @param maxCallers the most callers any scenario uses
     */
    public Scenarios(int members, int maxCallers) {
        this.members = members;
        this.threads = Executors.newFixedThreadPool(maxCallers);
    }

    /**
     * Callers released at once on one key, {@code repetitions} times with a new key each time.
     *
     * @param scenario the scenario's name, also the keys' prefix
     * @param system the system
     * @param callersPerMember callers on each member
     * @param repetitions how often
     * @param expired {@code false}: the key is absent; {@code true}: the key was filled, and the
     *     callers are released right after its value expired
     * @return the measurement
     * @throws Exception when the scenario cannot run
     */
    public Measurement stampede(String scenario, BenchSystem system, int callersPerMember, int repetitions,
            boolean expired) throws Exception {
        int callers = members * callersPerMember;
        Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        AtomicLong errors = new AtomicLong();
        long invocations = 0;
        for (int rep = 0; rep < repetitions; rep++) {
            String key = scenario + "-" + rep;
            if (expired) {
                system.call(0, key);
                system.awaitExpired(key);
            }
            CountDownLatch ready = new CountDownLatch(callers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int member = i % members;
                calls.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    long start = System.nanoTime();
                    try {
                        system.call(member, key);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    return System.nanoTime() - start;
                }));
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the callers did not get ready");
            }
            long before = system.backend().invocations();
            go.countDown();
            for (Future<Long> call : calls) {
                latency.recordValue(Math.min(call.get(120, TimeUnit.SECONDS), HIGHEST_NANOS));
            }
            invocations += system.backend().invocations() - before;
        }
        return new Measurement(scenario, system.name(), callers, repetitions, errors.get(), invocations, latency, 0,
            new long[0], new long[0], List.of());
    }

    /**
     * Callers looping on one key, each pausing {@code think} between calls.
     *
     * @param system the system
     * @param key the key
     * @param callersPerMember callers on each member
     * @param duration how long
     * @param think the pause after each call
     * @return the measurement, with every call and invocation
     * @throws Exception when the scenario cannot run
     */
    public Measurement steady(BenchSystem system, String key, int callersPerMember, Duration duration, Duration think)
            throws Exception {
        int callers = members * callersPerMember;
        system.call(0, key); // a value exists when the run starts
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[][]>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int member = i % members;
            results.add(threads.submit(() -> {
                long[] starts = new long[1024];
                long[] latencies = new long[1024];
                int n = 0;
                while (System.nanoTime() - end < 0) {
                    long callStart = System.nanoTime();
                    try {
                        system.call(member, key);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    long latency = System.nanoTime() - callStart;
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    starts[n] = callStart - start;
                    latencies[n] = latency;
                    n++;
                    LockSupport.parkNanos(think.toNanos());
                }
                return new long[][] {Arrays.copyOf(starts, n), Arrays.copyOf(latencies, n)};
            }));
        }
        Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        long[] allStarts = new long[0];
        long[] allLatencies = new long[0];
        for (Future<long[][]> result : results) {
            long[][] calls = result.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
            int from = allStarts.length;
            allStarts = Arrays.copyOf(allStarts, from + calls[0].length);
            allLatencies = Arrays.copyOf(allLatencies, from + calls[1].length);
            System.arraycopy(calls[0], 0, allStarts, from, calls[0].length);
            System.arraycopy(calls[1], 0, allLatencies, from, calls[1].length);
            for (long latency : calls[1]) {
                histogram.recordValue(Math.min(latency, HIGHEST_NANOS));
            }
        }
        long runNanos = System.nanoTime() - start;
        List<Long> invocationStarts = system.backend().invocationsSince(start).stream().map(at -> at - start)
            .filter(at -> at < duration.toNanos()).toList();
        return new Measurement("steady", system.name(), callers, 1, errors.get(), invocationStarts.size(), histogram,
            Math.min(runNanos, duration.toNanos()), allStarts, allLatencies, invocationStarts);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
