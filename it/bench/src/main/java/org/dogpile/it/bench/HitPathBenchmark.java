package org.dogpile.it.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The hit path on a three-member cluster, read on the member that owns the keys' partitions or on
 * another one: a fresh {@code @Dogpile} value (local tier on, the default), the same without the
 * local tier (every hit reads the entry from Hazelcast), the raw {@code IMap.get} underneath (of a
 * plain string, and of the very entry the interceptor reads), the same method without a cache
 * through the CDI proxy, and a Spring {@code @Cacheable(sync = true)} hit on hazelcast-spring. The
 * application (Weld and Spring) runs on the first member; the key is picked so that every map key
 * read has its partition on that member ({@code owner}) or on none of its partitions
 * ({@code nonOwner}). One caller thread; every call's time is sampled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HitPathBenchmark {
    private static final int CANDIDATE_KEYS = 1_000;

    /** Whether the reading member owns the partitions of the keys it reads. */
    @Param({"owner", "nonOwner"})
    public String member;

    private List<HazelcastInstance> members;
    private WeldContainer weld;
    private AnnotationConfigApplicationContext spring;
    private DogpilePrices dogpile;
    private SpringPrices springPrices;
    private IMap<String, String> rawStrings;
    private IMap<String, byte[]> dogpileEntries;
    private String key;
    private String dogpileKey;

    /** Starts the members, the Weld container and the Spring context on the first, picks the key and fills every cache. */
    @Setup(Level.Trial)
    public void start() {
        members = Members.start(3);
        HazelcastInstance reader = members.get(0);
        weld = ProvidesHazelcast.start("hit-path", reader);
        spring = SpringConfig.start(reader);
        dogpile = weld.select(DogpilePrices.class).get();
        springPrices = spring.getBean(SpringPrices.class);
        DogpileCaches caches = weld.select(DogpileCaches.class).get();
        boolean owner = member.equals("owner");
        reader.getMap("bench.raw").get("assigns the partitions");
        for (int i = 0; i < CANDIDATE_KEYS && key == null; i++) {
            String candidate = "region-" + i;
            if (ownedBy(reader, candidate) == owner
                    && ownedBy(reader, caches.keyOf(DogpilePrices.HIT_CACHE, candidate)) == owner
                    && ownedBy(reader, caches.keyOf(DogpilePrices.STORE_HIT_CACHE, candidate)) == owner) {
                key = candidate;
            }
        }
        if (key == null) {
            throw new IllegalStateException("no key among " + CANDIDATE_KEYS + " is read " + member);
        }
        dogpileKey = caches.keyOf(DogpilePrices.HIT_CACHE, key);
        rawStrings = reader.getMap("bench.raw");
        rawStrings.set(key, dogpile.plain(key));
        dogpile.hit(key);
        dogpile.hitFromStore(key);
        springPrices.hit(key);
        dogpileEntries = reader.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + DogpilePrices.HIT_CACHE);
        if (dogpileEntries.get(dogpileKey) == null) {
            throw new IllegalStateException("the @Dogpile entry is not where the benchmark reads it");
        }
    }

    private static boolean ownedBy(HazelcastInstance member, String mapKey) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        var owner = member.getPartitionService().getPartition(mapKey).getOwner();
        while (owner == null) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the partitions were not assigned within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            owner = member.getPartitionService().getPartition(mapKey).getOwner();
        }
        return owner.localMember();
    }

    /** Stops everything. */
    @TearDown(Level.Trial)
    public void stop() {
        spring.close();
        weld.close();
        Members.stop(members);
    }

    /** @return a fresh value through the {@code @Dogpile} interceptor, from the local tier */
    @Benchmark
    public String dogpileHit() {
        return dogpile.hit(key);
    }

    /** @return a fresh value through the {@code @Dogpile} interceptor, read from Hazelcast ({@code localTtlMillis = 0}) */
    @Benchmark
    public String dogpileHitWithoutLocalTier() {
        return dogpile.hitFromStore(key);
    }

    /** @return a plain string with one {@code IMap.get} */
    @Benchmark
    public String imapGetString() {
        return rawStrings.get(key);
    }

    /** @return the bytes of the entry that the interceptor reads, with one {@code IMap.get} */
    @Benchmark
    public byte[] imapGetDogpileEntry() {
        return dogpileEntries.get(dogpileKey);
    }

    /** @return the cheap method through the CDI proxy, without a cache */
    @Benchmark
    public String plainCall() {
        return dogpile.plain(key);
    }

    /** @return a Spring {@code @Cacheable(sync = true)} hit on hazelcast-spring */
    @Benchmark
    public String springHit() {
        return springPrices.hit(key);
    }
}
