package org.dogpile.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpileListener;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.Loader;
import org.dogpile.engine.jfr.JfrListener;
import org.dogpile.engine.stats.CompositeListener;
import org.dogpile.engine.stats.StatsRecorder;
import org.dogpile.store.InMemoryStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hit path with counters on and off: a fresh hit through {@link DogpileEngine} on
 * {@link InMemoryStore} (the cheapest hit there is, so the listener's share is the largest) with no
 * listener, with a {@link StatsRecorder}, and with the counters plus flight-recorder events
 * (nothing recording), as the CDI layer installs them.
 *
 * <pre>
 * mvn -B -Pjmh test-compile exec:exec -Djmh.args="StatsHitBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class StatsHitBenchmark {

    private static final String CACHE = "prices";
    private static final String KEY = "region-eu";
    private static final DogpilePolicy POLICY = DogpilePolicy.expireAfter(Duration.ofHours(1));
    private static final Loader<String> LOADER = () -> {
        throw new IllegalStateException("the benchmark measures fresh hits only");
    };

    /** Which listener the engine reports to. */
    @Param({"none", "stats", "stats+jfr"})
    public String listener;

    private DogpileEngine engine;

    /** Builds the engine and caches one value. */
    @Setup
    public void setUp() throws Exception {
        StatsRecorder stats = new StatsRecorder();
        DogpileListener chosen = switch (listener) {
            case "none" -> DogpileListener.NONE;
            case "stats" -> stats;
            case "stats+jfr" -> CompositeListener.of(stats, new JfrListener());
            default -> throw new IllegalArgumentException("unknown listener: " + listener);
        };
        engine = DogpileEngine.builder(new InMemoryStore()).listener(chosen).build();
        engine.get(CACHE, KEY, POLICY, () -> "price list for " + KEY);
    }

    /** Stops the engine's threads. */
    @TearDown
    public void tearDown() {
        engine.close();
    }

    /**
     * @return the cached value
     * @throws Exception never: the value is fresh
     */
    @Benchmark
    public Object freshHit() throws Exception {
        return engine.get(CACHE, KEY, POLICY, LOADER);
    }
}
