package org.dogpile.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.dogpile.Dogpile;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.InMemoryStore;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the interceptor costs on a cache hit, on the in-memory store so that the store does not hide
 * it: a {@code @Dogpile} hit through Weld, the same hit through the engine alone, a raw store read,
 * and a call to an unannotated method of the same bean (client proxy, no interceptor).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterceptorBenchmark {

    /** The benchmarked bean. */
    @ApplicationScoped
    public static class Service {
        /**
         * @param region a key
         * @return a value, cached for an hour
         */
        @Dogpile(cache = "bench", expireAfter = 1, unit = TimeUnit.HOURS)
        public String cached(String region) {
            return "prices of " + region;
        }

        /**
         * @param region a key
         * @return a value, never cached
         */
        public String plain(String region) {
            return "prices of " + region;
        }
    }

    /** Provides the in-memory store. */
    @ApplicationScoped
    public static class Stores {
        /** @return the store */
        @Produces
        @Singleton
        public DogpileStore store() {
            return new InMemoryStore();
        }
    }

    private WeldContainer container;
    private Service service;
    private DogpileEngine engine;
    private DogpileStore store;
    private String key;
    private final DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofHours(1));

    /** Starts the container and fills the cache. */
    @Setup(Level.Trial)
    public void start() {
        container = new Weld().disableDiscovery().addExtension(new DogpileExtension())
            .addBeanClasses(Service.class, Stores.class).initialize();
        service = container.select(Service.class).get();
        DogpileCaches caches = container.select(DogpileCaches.class).get();
        engine = caches.engine();
        store = engine.store();
        service.cached("EU");
        key = caches.keyOf("bench", "EU");
    }

    /** Stops the container. */
    @TearDown(Level.Trial)
    public void stop() {
        container.close();
    }

    /** @return a cache hit through the interceptor */
    @Benchmark
    public String dogpileHit() {
        return service.cached("EU");
    }

    /** @return a cache hit through the engine, without CDI */
    @Benchmark
    public Object engineHit() throws Exception {
        return engine.get("bench", key, policy, () -> "never");
    }

    /** @return a raw store read */
    @Benchmark
    public Object rawStoreRead() {
        return store.entries().get("bench", key);
    }

    /** @return an unintercepted call through the client proxy */
    @Benchmark
    public String unintercepted() {
        return service.plain("EU");
    }
}
