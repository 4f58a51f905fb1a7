package org.dogpile.it.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The hit path on one Hazelcast member: a fresh {@code @Dogpile} value, the raw {@code IMap.get}
 * underneath it (of a plain string, and of the very entry the interceptor reads), the same method
 * without a cache through the CDI proxy, and a Spring {@code @Cacheable(sync = true)} hit on
 * hazelcast-spring. One caller thread; every call's time is sampled, so the median shows the
 * usual cost and the mean includes the slow calls (a thread hand-off that waits for a wake-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HitPathBenchmark {
    private static final String KEY = "EU";

    private List<HazelcastInstance> members;
    private WeldContainer weld;
    private AnnotationConfigApplicationContext spring;
    private DogpilePrices dogpile;
    private SpringPrices springPrices;
    private IMap<String, String> rawStrings;
    private IMap<String, CacheEntry> dogpileEntries;
    private String dogpileKey;

    /** Starts the member, the Weld container and the Spring context, and fills every cache. */
    @Setup(Level.Trial)
    public void start() {
        members = Members.start(1);
        HazelcastInstance member = members.get(0);
        weld = ProvidesHazelcast.start("hit-path", member);
        spring = SpringConfig.start(member);
        dogpile = weld.select(DogpilePrices.class).get();
        springPrices = spring.getBean(SpringPrices.class);
        rawStrings = member.getMap("bench.raw");
        rawStrings.set(KEY, dogpile.plain(KEY));
        dogpile.hit(KEY);
        springPrices.hit(KEY);
        DogpileCaches caches = weld.select(DogpileCaches.class).get();
        dogpileKey = caches.keyOf(DogpilePrices.HIT_CACHE, KEY);
        dogpileEntries = member.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + DogpilePrices.HIT_CACHE);
        if (dogpileEntries.get(dogpileKey) == null) {
            throw new IllegalStateException("the @Dogpile entry is not where the benchmark reads it");
        }
    }

    /** Stops everything. */
    @TearDown(Level.Trial)
    public void stop() {
        spring.close();
        weld.close();
        Members.stop(members);
    }

    /** @return a fresh value through the {@code @Dogpile} interceptor */
    @Benchmark
    public String dogpileHit() {
        return dogpile.hit(KEY);
    }

    /** @return a plain string with one {@code IMap.get} */
    @Benchmark
    public String imapGetString() {
        return rawStrings.get(KEY);
    }

    /** @return the entry that the interceptor reads, with one {@code IMap.get} */
    @Benchmark
    public CacheEntry imapGetDogpileEntry() {
        return dogpileEntries.get(dogpileKey);
    }

    /** @return the cheap method through the CDI proxy, without a cache */
    @Benchmark
    public String plainCall() {
        return dogpile.plain(KEY);
    }

    /** @return a Spring {@code @Cacheable(sync = true)} hit on hazelcast-spring */
    @Benchmark
    public String springHit() {
        return springPrices.hit(KEY);
    }
}
