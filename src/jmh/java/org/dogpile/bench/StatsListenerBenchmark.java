package org.dogpile.bench;

import java.util.concurrent.TimeUnit;
import org.dogpile.engine.DogpileListener;
import org.dogpile.engine.jfr.JfrListener;
import org.dogpile.engine.stats.CompositeListener;
import org.dogpile.engine.stats.StatsRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of recording one event, on the caller's thread: the counters ({@link StatsRecorder}),
 * the counters plus flight-recorder events with no recording running (what the CDI layer installs),
 * and nothing. Run with {@code -t 2} as well to see the striped counters under contention.
 *
 * <pre>
 * mvn -B -Pjmh test-compile exec:exec -Djmh.args="StatsListenerBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class StatsListenerBenchmark {

    private static final String CACHE = "prices";

    /** Which listener hears the events. */
    @Param({"none", "stats", "stats+jfr"})
    public String listener;

    private DogpileListener target;

    /** Builds the listener, with a few other caches known so that the lookup is realistic. */
    @Setup
    public void setUp() {
        StatsRecorder stats = new StatsRecorder();
        for (int i = 0; i < 20; i++) {
            stats.register("cache-" + i);
        }
        target = switch (listener) {
            case "none" -> DogpileListener.NONE;
            case "stats" -> stats;
            case "stats+jfr" -> CompositeListener.of(stats, new JfrListener());
            default -> throw new IllegalArgumentException("unknown listener: " + listener);
        };
    }

    /** A fresh hit: the event of every hit. */
    @Benchmark
    public void freshHit() {
        target.onFreshHit(CACHE);
    }

    /** A regeneration: a JFR event when recording, a count, a total and a maximum. */
    @Benchmark
    public void regeneration() {
        target.onRegeneration(CACHE, 1_000_000, null, false);
    }
}
