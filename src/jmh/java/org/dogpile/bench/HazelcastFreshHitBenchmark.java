package org.dogpile.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.Loader;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of a fresh hit through {@link DogpileEngine} on {@link HazelcastStore}, against a raw
 * {@code IMap.get} of the same key, on one standalone member in the benchmark's JVM.
 *
 * <p>Run (from the project directory; benchmarks are not part of the test run):
 * <pre>
 * mvn -B -Pjmh test-compile exec:exec -Djmh.args="FreshHit -f 1 -wi 3 -i 5 -w 1s -r 1s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dhazelcast.logging.type=none", "-Dhazelcast.phone.home.enabled=false",
    "-Djava.net.preferIPv4Stack=true"})
public class HazelcastFreshHitBenchmark {

    private static final String CACHE = "prices";
    private static final String KEY = "region-eu";
    private static final DogpilePolicy POLICY = DogpilePolicy.expireAfter(Duration.ofHours(1));
    private static final Loader<String> LOADER = () -> {
        throw new IllegalStateException("the benchmark measures fresh hits only");
    };

    private HazelcastInstance hazelcast;
    private DogpileEngine engine;
    private IMap<String, CacheEntry> map;

    /** Starts a standalone member and caches one value. */
    @Setup
    public void setUp() throws Exception {
        Config config = new Config();
        config.setClusterName("dogpile-bench-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        hazelcast = Hazelcast.newHazelcastInstance(config);
        HazelcastStore store = new HazelcastStore(hazelcast);
        engine = new DogpileEngine(store);
        engine.get(CACHE, KEY, POLICY, () -> "price list for " + KEY);
        map = store.map(CACHE);
    }

    /** Stops the member. */
    @TearDown
    public void tearDown() {
        hazelcast.shutdown();
    }

    /**
     * @return the cached value, through the engine
     * @throws Exception never: the value is fresh
     */
    @Benchmark
    public Object engineFreshHit() throws Exception {
        return engine.get(CACHE, KEY, POLICY, LOADER);
    }

    /** @return the stored entry, read straight from the map */
    @Benchmark
    public Object rawMapGet() {
        return map.get(KEY);
    }
}
