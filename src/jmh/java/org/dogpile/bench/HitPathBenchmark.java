package org.dogpile.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dogpile.codec.AllowList;
import org.dogpile.codec.JavaSerializationCodec;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.Loader;
import org.dogpile.store.InMemoryStore;
import org.dogpile.store.hazelcast.ByteArrayRead;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of a fresh hit on a three-member cluster in the benchmark's JVM, read on the key's
 * owner, on a non-owner member and on a client of the cluster, for a {@code String} and for a list
 * of 100 small records: the engine with its local tier, the engine without it (every hit reads the
 * store and decodes), a raw {@code IMap.get} of the same entry's bytes, the library's read-only
 * entry processor alone, and the engine on the in-memory store.
 *
 * <p>Run (from the project directory; benchmarks are not part of the test run):
 * <pre>
 * mvn -B -Pjmh test-compile exec:exec -Djmh.args="HitPath -f 1 -wi 3 -i 5 -w 1s -r 1s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dhazelcast.logging.type=none", "-Dhazelcast.phone.home.enabled=false",
    "-Djava.net.preferIPv4Stack=true"})
public class HitPathBenchmark {

    /** A small value record. */
    public record Price(String sku, long cents) implements Serializable { }

    private static final String CACHE = "prices";
    private static final Loader<Object> LOADER = () -> {
        throw new IllegalStateException("the benchmark measures fresh hits only");
    };

    /** What is cached. */
    @Param({"string", "records"})
    public String value;

    /** Who reads: the key's partition owner, another member, or a client of the cluster. */
    @Param({"owner", "nonOwner", "client"})
    public String member;

    private BenchCluster cluster;
    private DogpileEngine localTier;
    private DogpileEngine noLocalTier;
    private DogpileEngine inMemory;
    private IMap<String, byte[]> map;
    private IMap<String, Object> anyValues;
    private String key;
    private DogpilePolicy withLocal;
    private DogpilePolicy withoutLocal;

    /** Starts three members, caches one value and picks the reading member. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        cluster = BenchCluster.start(3);
        JavaSerializationCodec codec = new JavaSerializationCodec(AllowList.forTypes(List.of(Price.class)));
        withLocal = DogpilePolicy.expireAfter(Duration.ofHours(1)).withCodec(codec);
        withoutLocal = withLocal.withLocalTtl(Duration.ZERO);
        Object cached = value.equals("string") ? "price list for region-eu" : records();
        key = "region-eu";
        HazelcastInstance owner = cluster.owner(key);
        HazelcastInstance reader = switch (member) {
            case "owner" -> owner;
            case "client" -> cluster.client();
            default -> cluster.members().stream().filter(m -> m != owner).findFirst().orElseThrow();
        };
        HazelcastStore store = new HazelcastStore(reader);
        localTier = DogpileEngine.builder(store).build();
        noLocalTier = DogpileEngine.builder(store).build();
        localTier.get(CACHE, key, withLocal, () -> cached);
        map = store.map(CACHE);
        @SuppressWarnings("unchecked")
        IMap<String, Object> view = (IMap<String, Object>) (IMap<?, ?>) map;
        anyValues = view;
        inMemory = DogpileEngine.builder(new InMemoryStore()).build();
        inMemory.get(CACHE, key, withLocal, () -> cached);
    }

    private static List<Price> records() {
        List<Price> prices = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            prices.add(new Price("sku-" + i, 100L * i));
        }
        return List.copyOf(prices);
    }

    /** Stops the members. */
    @TearDown(Level.Trial)
    public void tearDown() {
        localTier.close();
        noLocalTier.close();
        inMemory.close();
        cluster.close();
    }

    /**
     * @return the value from this JVM's local tier
     * @throws Exception never: the value is fresh
     */
    @Benchmark
    public Object dogpileLocalTier() throws Exception {
        return localTier.get(CACHE, key, withLocal, LOADER);
    }

    /**
     * @return the value read from the store and decoded on every call
     * @throws Exception never: the value is fresh
     */
    @Benchmark
    public Object dogpileNoLocalTier() throws Exception {
        return noLocalTier.get(CACHE, key, withoutLocal, LOADER);
    }

    /** @return the entry's bytes, read straight from the map */
    @Benchmark
    public Object rawMapGet() {
        return map.get(key);
    }

    /**
     * @return the entry's bytes, read on its owner by the library's read-only entry processor
     * @throws Exception never
     */
    @Benchmark
    public Object rawByteArrayRead() throws Exception {
        return anyValues.submitToKey(key, ByteArrayRead.INSTANCE).toCompletableFuture().get();
    }

    /**
     * @return the value from the in-memory store
     * @throws Exception never: the value is fresh
     */
    @Benchmark
    public Object dogpileInMemory() throws Exception {
        return inMemory.get(CACHE, key, withLocal, LOADER);
    }
}
