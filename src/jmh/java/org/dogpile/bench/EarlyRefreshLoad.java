package org.dogpile.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.Loader;
import org.dogpile.store.hazelcast.HazelcastStore;

/**
 * Steady load on one key of a three-member cluster over many expiries, without and with XFetch
 * early refresh: how often the method ran per expiry, how many of its runs overlapped, how many
 * calls got a value older than {@code expireAfter}, and how many waited 50 ms or more. A load
 * harness, not a JMH benchmark and not a test; run (from the project directory):
 * <pre>
 * mvn -B -Pjmh test-compile exec:exec -Djmh.main=org.dogpile.bench.EarlyRefreshLoad -Djmh.args="expiries=20"
 * </pre>
 * Settings, as {@code name=value} arguments: {@code expiries} (20), {@code expireMillis} (1000),
 * {@code methodMillis} (100), {@code callersPerMember} (8), {@code pauseMillis} between one
 * caller's calls (2), {@code betas}, comma-separated, one run each after the run without (1.0).
 */
public final class EarlyRefreshLoad {

    private static final String KEY = "region-eu";
    /** A value counts as expired when it is older than expireAfter by more than this (its entry is written just after). */
    private static final long EXPIRED_TOLERANCE_MILLIS = 5;
    private static final long WAIT_MILLIS = 50;

    private EarlyRefreshLoad() {
    }

    /**
     * Runs the load without and with early refresh and prints one row for each.
     *
     * @param args settings, {@code name=value}
     * @throws Exception when the cluster or a caller fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected name=value, got '" + arg + "'");
            }
            given.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        Settings settings = new Settings(Integer.parseInt(given.getOrDefault("expiries", "20")),
            Duration.ofMillis(Long.parseLong(given.getOrDefault("expireMillis", "1000"))),
            Long.parseLong(given.getOrDefault("methodMillis", "100")),
            Integer.parseInt(given.getOrDefault("callersPerMember", "8")),
            Long.parseLong(given.getOrDefault("pauseMillis", "2")),
            Arrays.stream(given.getOrDefault("betas", "1.0").split(",")).mapToDouble(Double::parseDouble).toArray());
        System.out.printf(Locale.ROOT, "3 members, %d callers each (pause %d ms), method %d ms, expireAfter %d ms, "
            + "%d expiries per run%n", settings.callersPerMember, settings.pauseMillis, settings.methodMillis,
            settings.expire.toMillis(), settings.expiries);
        System.out.println("| early refresh | calls | method runs | runs per expireAfter | most runs at once"
            + " | runs nobody got | calls given an expired value | calls waiting >= 50 ms | p50 / p99 / max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        try (BenchCluster cluster = BenchCluster.start(3)) {
            System.out.println(run(cluster, settings, 0));
            for (double beta : settings.betas) {
                System.out.println(run(cluster, settings, beta));
            }
        }
    }

    private static String run(BenchCluster cluster, Settings settings, double beta) throws Exception {
        String cache = "early-" + UUID.randomUUID();
        DogpilePolicy policy = DogpilePolicy.expireAfter(settings.expire).withEarlyRefresh(beta);
        List<HazelcastStore> stores = new ArrayList<>();
        List<DogpileEngine> engines = new ArrayList<>();
        for (var member : cluster.members()) {
            HazelcastStore store = new HazelcastStore(member);
            stores.add(store);
            engines.add(DogpileEngine.builder(store).build());
        }
        Method method = new Method(settings.methodMillis);
        try {
            engines.get(0).get(cache, KEY, policy, method); // the first value: not part of the measurement
            int runsBefore = method.runs.get();
            long end = System.nanoTime() + settings.expire.toNanos() * settings.expiries;
            List<Caller> callers = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(engines.size() * settings.callersPerMember);
            for (DogpileEngine engine : engines) {
                for (int i = 0; i < settings.callersPerMember; i++) {
                    Caller caller = new Caller(engine, cache, policy, method, settings, end, done);
                    callers.add(caller);
                    Thread thread = new Thread(caller, "caller-" + callers.size());
                    thread.setDaemon(true);
                    thread.start();
                }
            }
            if (!done.await(settings.expire.toMillis() * (settings.expiries + 30), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("callers did not finish");
            }
            int runs = method.runs.get() - runsBefore;
            Set<String> served = ConcurrentHashMap.newKeySet();
            callers.forEach(caller -> served.addAll(caller.generations));
            long servedRuns = served.stream().mapToInt(Integer::parseInt).filter(run -> run > runsBefore).count();
            return row(beta, settings, callers, runs, method.mostAtOnce.get(), (int) (runs - servedRuns));
        } finally {
            engines.forEach(DogpileEngine::close);
            stores.forEach(HazelcastStore::close);
        }
    }

    private static String row(double beta, Settings settings, List<Caller> callers, int runs, int mostAtOnce, int unserved) {
        long calls = 0;
        long expired = 0;
        long waited = 0;
        List<long[]> latencies = new ArrayList<>();
        for (Caller caller : callers) {
            if (caller.failure != null) {
                throw new IllegalStateException("a caller failed", caller.failure);
            }
            calls += caller.calls;
            expired += caller.expired;
            waited += caller.waited;
            latencies.add(Arrays.copyOf(caller.latencyNanos, caller.calls));
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return String.format(Locale.ROOT, "| %s | %,d | %d | %.2f | %d | %d | %,d | %,d | %.2f / %.2f / %.2f |",
            beta == 0 ? "off" : "beta " + beta, calls, runs, runs / (double) settings.expiries, mostAtOnce, unserved, expired,
            waited, millis(all, 0.50), millis(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * quantile))] / 1e6;
    }

    /** The load's settings. */
    private record Settings(int expiries, Duration expire, long methodMillis, int callersPerMember, long pauseMillis,
            double[] betas) { }

    /** The expensive method: counts its runs and how many ran at once; its value records when it finished. */
    private static final class Method implements Loader<String> {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        private final long nanos;

        Method(long millis) {
            this.nanos = TimeUnit.MILLISECONDS.toNanos(millis);
        }

        @Override
        public String load() {
            int run = runs.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                long until = System.nanoTime() + nanos;
                for (long left = nanos; left > 0; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left); // the method's own cost
                }
                return run + "@" + System.currentTimeMillis();
            } finally {
                running.decrementAndGet();
            }
        }
    }

    /** One caller thread: calls until the end, pausing between calls. */
    private static final class Caller implements Runnable {
        private final DogpileEngine engine;
        private final String cache;
        private final DogpilePolicy policy;
        private final Method method;
        private final Settings settings;
        private final long endNanos;
        private final CountDownLatch done;
        long[] latencyNanos = new long[4096];
        int calls;
        long expired;
        long waited;
        final Set<String> generations = new HashSet<>();
        volatile Throwable failure;

        Caller(DogpileEngine engine, String cache, DogpilePolicy policy, Method method, Settings settings, long endNanos,
                CountDownLatch done) {
            this.engine = engine;
            this.cache = cache;
            this.policy = policy;
            this.method = method;
            this.settings = settings;
            this.endNanos = endNanos;
            this.done = done;
        }

        @Override
        public void run() {
            try {
                long pause = TimeUnit.MILLISECONDS.toNanos(settings.pauseMillis);
                while (System.nanoTime() - endNanos < 0) {
                    long start = System.nanoTime();
                    String value = engine.get(cache, KEY, policy, method);
                    long latency = System.nanoTime() - start;
                    int at = value.indexOf('@');
                    generations.add(value.substring(0, at));
                    long finishedAt = Long.parseLong(value.substring(at + 1));
                    if (System.currentTimeMillis() - finishedAt > settings.expire.toMillis() + EXPIRED_TOLERANCE_MILLIS) {
                        expired++;
                    }
                    if (latency >= TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS)) {
                        waited++;
                    }
                    if (calls == latencyNanos.length) {
                        latencyNanos = Arrays.copyOf(latencyNanos, calls * 2);
                    }
                    latencyNanos[calls++] = latency;
                    LockSupport.parkNanos(pause);
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                done.countDown();
            }
        }
    }
}
