package org.dogpile.it.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.store.CacheEntry;
import org.jboss.weld.environment.se.WeldContainer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** One of the compared systems, with one entry point per cluster member. */
public interface BenchSystem extends AutoCloseable {
    /** The name of the system without a cache. */
    String NO_CACHE = "no cache";

    /** @return the name in tables and plots */
    String name();

    /** @return the expensive method behind it */
    Backend backend();

    /**
     * Calls the expensive method through this system on one member.
     *
     * @param member the member's index
     * @param key the key
     * @return the value
     */
    String call(int member, String key);

    /**
     * Waits until the key's value has just expired (returns at once for a system without a cache).
     *
     * @param key the key
     */
    void awaitExpired(String key);

    @Override
    void close();

    /**
     * {@code @Dogpile} on a CDI bean: one Weld SE container per member.
     *
     * @param members the members
     * @return the system
     */
    static BenchSystem dogpile(List<HazelcastInstance> members) {
        List<WeldContainer> containers = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            containers.add(ProvidesHazelcast.start("bench-member-" + i, members.get(i)));
        }
        List<DogpilePrices> beans = containers.stream().map(c -> c.select(DogpilePrices.class).get()).toList();
        DogpileCaches caches = containers.get(0).select(DogpileCaches.class).get();
        return new BenchSystem() {
            @Override
            public String name() {
                return "@Dogpile";
            }

            @Override
            public Backend backend() {
                return Backend.DOGPILE;
            }

            @Override
            public String call(int member, String key) {
                return beans.get(member).price(key);
            }

            @Override
            public void awaitExpired(String key) {
                CacheEntry entry = caches.peek(DogpilePrices.CACHE, key)
                    .orElseThrow(() -> new IllegalStateException("no @Dogpile entry for " + key));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (entry.isFreshAt(caches.engine().store().currentTimeMillis())) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the @Dogpile entry of " + key + " did not expire");
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }

            @Override
            public void close() {
                containers.forEach(WeldContainer::close);
            }
        };
    }

    /**
     * Spring {@code @Cacheable(sync = true)} on hazelcast-spring: one Spring context per member.
     *
     * @param members the members
     * @return the system
     */
    static BenchSystem spring(List<HazelcastInstance> members) {
        List<AnnotationConfigApplicationContext> contexts = members.stream().map(SpringConfig::start).toList();
        List<SpringPrices> beans = contexts.stream().map(c -> c.getBean(SpringPrices.class)).toList();
        IMap<Object, Object> map = members.get(0).getMap(Members.SPRING_CACHE);
        return new BenchSystem() {
            @Override
            public String name() {
                return "Spring @Cacheable(sync)";
            }

            @Override
            public Backend backend() {
                return Backend.SPRING;
            }

            @Override
            public String call(int member, String key) {
                return beans.get(member).price(key);
            }

            @Override
            public void awaitExpired(String key) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (map.containsKey(key)) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the Spring entry of " + key + " did not expire");
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }

            @Override
            public void close() {
                contexts.forEach(AnnotationConfigApplicationContext::close);
            }
        };
    }

    /**
     * The expensive method called directly, without any cache.
     *
     * @return the system
     */
    static BenchSystem none() {
        return new BenchSystem() {
            @Override
            public String name() {
                return NO_CACHE;
            }

            @Override
            public Backend backend() {
                return Backend.NONE;
            }

            @Override
            public String call(int member, String key) {
                return Backend.NONE.load(key);
            }

            @Override
            public void awaitExpired(String key) {
                // nothing is cached, nothing expires
            }

            @Override
            public void close() {
                // nothing to stop
            }
        };
    }
}
