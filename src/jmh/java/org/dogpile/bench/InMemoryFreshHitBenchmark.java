package org.dogpile.bench;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.Loader;
import org.dogpile.store.StoredEntry;
import org.dogpile.store.InMemoryStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of a fresh hit through {@link DogpileEngine} on {@link InMemoryStore}, against a plain
 * {@code ConcurrentHashMap.get}: the engine's own overhead.
 *
 * <p>Run (from the project directory; benchmarks are not part of the test run):
 * <pre>
 * mvn -B -Pjmh test-compile exec:exec -Djmh.args="FreshHit -f 1 -wi 3 -i 5 -w 1s -r 1s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class InMemoryFreshHitBenchmark {

    private static final String CACHE = "prices";
    private static final String KEY = "region-eu";
    private static final DogpilePolicy POLICY = DogpilePolicy.expireAfter(Duration.ofHours(1));
    private static final Loader<String> LOADER = () -> {
        throw new IllegalStateException("the benchmark measures fresh hits only");
    };

    private DogpileEngine engine;
    private final ConcurrentHashMap<String, StoredEntry> map = new ConcurrentHashMap<>();

    /** Caches one value in the engine and the same entry in the map. */
    @Setup
    public void setUp() throws Exception {
        InMemoryStore store = new InMemoryStore();
        engine = new DogpileEngine(store);
        engine.get(CACHE, KEY, POLICY, () -> "price list for " + KEY);
        map.put(KEY, store.entries().get(CACHE, KEY));
    }

    /**
     * @return the cached value, through the engine
     * @throws Exception never: the value is fresh
     */
    @Benchmark
    public Object engineFreshHit() throws Exception {
        return engine.get(CACHE, KEY, POLICY, LOADER);
    }

    /** @return the entry, read straight from a concurrent map */
    @Benchmark
    public Object concurrentHashMapGet() {
        return map.get(KEY);
    }
}
