package org.dogpile.examples.weldse;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.BuildInfoProvider;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.LogManager;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.engine.stats.DogpileStats;

/**
 * The demo: starts Weld SE with bean discovery, so that the dogpile extension (found in the
 * library's {@code META-INF/services}) starts an embedded Hazelcast member configured by this
 * application's {@code hazelcast.xml}; then lets a stampede of callers hit
 * {@link PriceService#prices(String)} (with {@code @Dogpile}) and
 * {@link PriceService#pricesUncached(String)} (without), and compares the two.
 *
 * <p>System properties: {@code demo.callers} (default 200) and {@code demo.seconds} per run
 * (default 11).
 */
public final class StampedeDemo {

    /** The system property that names the demo's Hazelcast cluster, used by {@code hazelcast.xml}. */
    public static final String CLUSTER_NAME_PROPERTY = "weld-se-demo.cluster-name";
    private static final String REGION = "EU";
    private static final String WARM_UP_REGION = "warm-up";
    private static final Duration WARM_UP = Duration.ofSeconds(1);

    private StampedeDemo() {
    }

    /**
     * Runs the demo; exits with status 1 when a call failed.
     *
     * @param args none
     * @throws Exception when the demo cannot run
     */
    public static void main(String[] args) throws Exception {
        prepareJvm();
        PrintStream out = System.out;
        Stampede.Workload workload = Stampede.Workload.of(Integer.getInteger("demo.callers", 200),
            Duration.ofSeconds(Integer.getInteger("demo.seconds", 11)));
        Duration expireAfter = PriceService.expireAfter();

        out.println("Dogpile for Jakarta EE: a cache stampede in one Weld SE application");
        long begin = System.nanoTime();
        Comparison comparison;
        long closing;
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            out.printf(Locale.ROOT, "  Weld SE started in %,d ms: beans from META-INF/beans.xml, the dogpile extension "
                + "from the library's META-INF/services%n", millisSince(begin));
            long storeBegin = System.nanoTime();
            HazelcastInstance member = startStore(container);
            out.printf(Locale.ROOT, "  Hazelcast %s member started by the dogpile extension in %,d ms: %s, "
                + "cluster '%s' of %d%n", BuildInfoProvider.getBuildInfo().getVersion(), millisSince(storeBegin),
                member.getCluster().getLocalMember().getAddress(), member.getConfig().getClusterName(),
                member.getCluster().getMembers().size());
            out.printf(Locale.ROOT, "  %d callers on %s call PriceService for %d s per run, pausing %d-%d ms "
                + "between calls; the backend takes %d ms%n", workload.callers(), Stampede.threadKind(),
                workload.duration().toSeconds(), workload.minPause().toMillis(), workload.maxPause().toMillis(),
                PriceBackend.LATENCY.toMillis());
            comparison = compare(container, workload, workload, expireAfter, out::println);
            closing = System.nanoTime();
        }
        out.printf(Locale.ROOT, "%nWeld SE and the Hazelcast member shut down in %,d ms%s%n", millisSince(closing),
            Hazelcast.getAllHazelcastInstances().isEmpty() ? "" : " (but a Hazelcast instance is still running)");
        report(out, comparison, workload, expireAfter);
        if (comparison.cached().errors() + comparison.plain().errors() > 0) {
            System.exit(1);
        }
    }

    /**
     * The two runs of a comparison.
     *
     * @param cached the run against the {@code @Dogpile} method
     * @param plain the run against the plain method
     * @param counters what the library counted for the cached method's cache during its run
     */
    public record Comparison(Stampede.Result cached, Stampede.Result plain, DogpileStats counters) {
    }

    /**
     * Runs a workload against the {@code @Dogpile} method, starting from an empty cache, then against
     * the plain one. A short warm-up on another region goes first, so that class loading and the JIT
     * compiler do not count as waiting.
     *
     * @param container a started container with this application's beans
     * @param cachedWorkload the callers of the {@code @Dogpile} method, and for how long
     * @param plainWorkload the callers of the plain method, and for how long
     * @param expireAfter the expiry of the cached method
     * @param progress receives headings and a line per second, or {@code null} for none
     * @return both results
     * @throws InterruptedException when interrupted
     */
    public static Comparison compare(SeContainer container, Stampede.Workload cachedWorkload,
            Stampede.Workload plainWorkload, Duration expireAfter, Consumer<String> progress)
            throws InterruptedException {
        PriceService service = container.select(PriceService.class).get();
        PriceBackend backend = container.select(PriceBackend.class).get();
        DogpileCaches caches = container.select(DogpileCaches.class).get();
        caches.invalidate(PriceService.CACHE, REGION);

        // every path of the cached method once: absent (the callers wait), fresh, stale (refresh)
        caches.invalidate(PriceService.CACHE, WARM_UP_REGION);
        Stampede.Result warmUp = Stampede.run(cachedWorkload.lasting(WARM_UP), expireAfter,
            () -> service.prices(WARM_UP_REGION), backend::invocations, null);
        caches.refresh(PriceService.CACHE, WARM_UP_REGION);
        if (progress != null) {
            progress.accept(String.format(Locale.ROOT, "  warm-up (class loading, JIT): %,d calls on region \"%s\" "
                + "in %.1f s, not counted", warmUp.calls(), WARM_UP_REGION, warmUp.elapsed().toMillis() / 1e3));
        }

        heading(progress, String.format(Locale.ROOT, "%nRun 1 of 2: prices(\"%s\") with @Dogpile(expireAfter = %d): "
            + "one backend call per expiry, stale values meanwhile", REGION, expireAfter.toSeconds()));
        DogpileStats before = caches.stats(PriceService.CACHE);
        Stampede.Result cached = Stampede.run(cachedWorkload, expireAfter, () -> service.prices(REGION),
            backend::invocations, progress);
        DogpileStats counters = caches.stats(PriceService.CACHE).minus(before);

        heading(progress, String.format(Locale.ROOT, "%nRun 2 of 2: pricesUncached(\"%s\"), the same method "
            + "without @Dogpile: one backend call per call", REGION));
        Stampede.Result plain = Stampede.run(plainWorkload, expireAfter, () -> service.pricesUncached(REGION),
            backend::invocations, progress);
        return new Comparison(cached, plain, counters);
    }

    /**
     * Prepares this JVM as the demo needs it: quiet logging (warnings only, unless
     * {@code java.util.logging.config.file} is set) and a cluster name of its own for the embedded
     * Hazelcast member, so that it never joins another cluster on this machine.
     */
    public static void prepareJvm() {
        if (System.getProperty("java.util.logging.config.file") == null) {
            try (InputStream config = StampedeDemo.class.getResourceAsStream("/logging.properties")) {
                if (config != null) {
                    LogManager.getLogManager().readConfiguration(config);
                }
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        if (System.getProperty(CLUSTER_NAME_PROPERTY) == null) {
            System.setProperty(CLUSTER_NAME_PROPERTY, "weld-se-demo-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
        }
    }

    /**
     * Makes the extension create its engine, and so start the Hazelcast member, now rather than at
     * the first call, so that the member's start is not counted in the first calls' latency.
     */
    private static HazelcastInstance startStore(SeContainer container) {
        container.select(DogpileCaches.class).get().engine();
        Set<HazelcastInstance> members = Hazelcast.getAllHazelcastInstances();
        if (members.size() != 1) {
            throw new IllegalStateException("expected the dogpile extension to start one Hazelcast member, found "
                + members.size());
        }
        return members.iterator().next();
    }

    private static void heading(Consumer<String> progress, String title) {
        if (progress != null) {
            progress.accept(title);
            progress.accept("  time      calls  invocations  generation     stale    waited  errors");
        }
    }

    private static void report(PrintStream out, Comparison comparison, Stampede.Workload workload,
            Duration expireAfter) {
        Stampede.Result cached = comparison.cached();
        Stampede.Result plain = comparison.plain();
        out.printf(Locale.ROOT, "%n%-30s %14s %14s%n", "", "@Dogpile", "plain");
        row(out, "calls", cached.calls(), plain.calls());
        row(out, "backend invocations", cached.invocations(), plain.invocations());
        row(out, "served fresh", cached.fresh(), plain.fresh());
        row(out, "served stale", cached.stale(), plain.stale());
        row(out, "waited (over " + workload.waitedThreshold().toMillis() + " ms)", cached.waited(), plain.waited());
        if (cached.errors() + plain.errors() > 0) {
            row(out, "failed", cached.errors(), plain.errors());
        }
        for (double percentile : new double[] {50, 90, 99}) {
            latency(out, String.format(Locale.ROOT, "latency p%.0f", percentile),
                cached.latencyMicros().getValueAtPercentile(percentile),
                plain.latencyMicros().getValueAtPercentile(percentile));
        }
        latency(out, "latency max", cached.latencyMicros().getMaxValue(), plain.latencyMicros().getMaxValue());
        out.printf(Locale.ROOT, "%-30s %,14.0f %,14.0f%n", "calls per second", cached.throughput(), plain.throughput());

        out.printf(Locale.ROOT, "%n@Dogpile ran the %d ms backend %s in %.1f s (at most %d: the first value, "
            + "then one per %d s expiry)%nfor %,d calls; without it, all %,d calls ran it.%n",
            PriceBackend.LATENCY.toMillis(), times(cached.invocations()), cached.elapsed().toMillis() / 1e3,
            cached.maxInvocations(expireAfter), expireAfter.toSeconds(), cached.calls(), plain.calls());
        DogpileStats counters = comparison.counters();
        out.printf(Locale.ROOT, "%nWhat the library counted during the @Dogpile run (DogpileCaches.stats(\"%s\")):%n",
            PriceService.CACHE);
        out.printf(Locale.ROOT, "  hits %,d (fresh %,d, stale %,d, local %,d); misses %,d (waited %,d, longest wait %.1f ms)%n",
            counters.hitCount(), counters.freshHits(), counters.staleHits(), counters.localHits(), counters.missCount(),
            counters.missesWaited(), counters.maxMissWait().toNanos() / 1e6);
        out.printf(Locale.ROOT, "  regenerations %,d (failed %,d, background %,d, longest %.1f ms); lock timeouts %,d; "
            + "store failures %,d%n", counters.regenerationAttempts(), counters.failedRegenerations(),
            counters.backgroundRegenerations(), counters.maxRegenerationTime().toNanos() / 1e6, counters.lockTimeouts(),
            counters.storeFailures());
        for (Stampede.Result result : new Stampede.Result[] {cached, plain}) {
            if (result.firstError() != null) {
                out.println();
                result.firstError().printStackTrace(out);
            }
        }
    }

    private static void row(PrintStream out, String label, long cached, long plain) {
        out.printf(Locale.ROOT, "%-30s %,14d %,14d%n", label, cached, plain);
    }

    private static void latency(PrintStream out, String label, long cachedMicros, long plainMicros) {
        out.printf(Locale.ROOT, "%-30s %11.2f ms %11.2f ms%n", label, cachedMicros / 1e3, plainMicros / 1e3);
    }

    private static String times(long count) {
        return count == 1 ? "once" : String.format(Locale.ROOT, "%,d times", count);
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
