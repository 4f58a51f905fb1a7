package org.dogpile.cdi.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.cdi.DogpileExtension;
import org.dogpile.testing.Gate;
import org.dogpile.testing.LoopbackHazelcast;
import org.dogpile.testing.Poll;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three Weld SE containers in one JVM, each with its own Hazelcast member of one cluster (TCP-IP on
 * 127.0.0.1, a cluster name of its own, no multicast): one method run per expiry in the whole
 * cluster, the stale value everywhere else, invalidation seen by every container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTest {
    private static final int CONTAINERS = 3;
    private static final int CALLERS_PER_CONTAINER = 32;

    /** Provides one given Hazelcast member as the application's bean. */
    static final class ProvidesHazelcast implements Extension {
        private final HazelcastInstance instance;

        ProvidesHazelcast(HazelcastInstance instance) {
            this.instance = instance;
        }

        void addBean(@Observes AfterBeanDiscovery event) {
            event.addBean().types(HazelcastInstance.class, Object.class)
                .scope(jakarta.inject.Singleton.class).createWith(context -> instance);
        }
    }

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<WeldContainer> containers = new ArrayList<>();
    private ExecutorService threads;

    @BeforeAll
    void startCluster() {
        LoopbackHazelcast cluster = LoopbackHazelcast.cluster(CONTAINERS);
        List<HazelcastInstance> started = new ArrayList<>();
        List<Thread> starters = new ArrayList<>();
        for (int i = 0; i < CONTAINERS; i++) {
            Config config = cluster.member(i);
            Thread starter = new Thread(() -> {
                HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
                synchronized (started) {
                    started.add(member);
                }
            });
            starter.start();
            starters.add(starter);
        }
        for (Thread starter : starters) {
            try {
                starter.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
        members.addAll(started);
        assertEquals(CONTAINERS, members.size());
        Poll.until("every member sees " + CONTAINERS + " members", Duration.ofMinutes(1),
            () -> members.stream().allMatch(m -> m.getCluster().getMembers().size() == CONTAINERS));
        for (HazelcastInstance member : members) {
            containers.add(WeldInitiator.createWeld()
                .addExtension(new DogpileExtension())
                .addExtension(new ProvidesHazelcast(member))
                .addBeanClasses(ClusterPrices.class)
                .initialize());
        }
        threads = Executors.newFixedThreadPool(CONTAINERS * CALLERS_PER_CONTAINER);
    }

    @AfterAll
    void stopCluster() {
        if (threads != null) {
            threads.shutdownNow();
        }
        containers.forEach(WeldContainer::close);
        members.forEach(HazelcastInstance::shutdown);
    }

    @BeforeEach
    void newGate() {
        ClusterPrices.gate = new Gate();
    }

    @Test
    void cluster_storeOfEveryContainer_isHazelcast() {
        for (WeldContainer container : containers) {
            assertTrue(caches(container).engine().store() instanceof HazelcastStore);
        }
    }

    @Test
    void absentValue_callersInEveryContainer_oneRunInClusterAndAllGetItsValue() throws Exception {
        Gate gate = ClusterPrices.gate;
        gate.close();
        List<Future<String>> results = callEverywhere("absent", null);
        gate.awaitEntered();
        gate.open();
        for (Future<String> result : results) {
            assertEquals("absent#1", result.get(60, TimeUnit.SECONDS));
        }
        assertEquals(1, gate.runs());
    }

    @Test
    void expiredValue_callersInEveryContainer_oneRunAndStaleServedToAllOthers() throws Exception {
        Gate gate = ClusterPrices.gate;
        assertEquals("expired#1", prices(containers.get(0)).price("expired"));
        awaitStale(caches(containers.get(1)), "expired");

        gate.close();
        CountDownLatch returned = new CountDownLatch(CONTAINERS * CALLERS_PER_CONTAINER - 1);
        ConcurrentLinkedQueue<String> values = new ConcurrentLinkedQueue<>();
        List<Future<String>> results = callEverywhere("expired", value -> {
            values.add(value);
            returned.countDown();
        });
        gate.awaitEntered();
        // every caller but the one running the method returns while the method is still blocked
        assertTrue(returned.await(60, TimeUnit.SECONDS), "callers waited for the regeneration");
        assertEquals(CONTAINERS * CALLERS_PER_CONTAINER - 1, values.size());
        assertTrue(values.stream().allMatch("expired#1"::equals), values::toString);
        gate.open();
        List<String> all = new ArrayList<>();
        for (Future<String> result : results) {
            all.add(result.get(60, TimeUnit.SECONDS));
        }
        assertEquals(1, all.stream().filter("expired#2"::equals).count(), all::toString);
        assertEquals(2, gate.runs());
        for (WeldContainer container : containers) {
            assertEquals("expired#2", prices(container).price("expired"));
        }
    }

    @Test
    void invalidation_fromAnotherContainer_seenByEveryContainer() {
        Gate gate = ClusterPrices.gate;
        assertEquals("inv#1", prices(containers.get(0)).price("inv"));
        assertEquals("inv#1", prices(containers.get(2)).price("inv"));

        caches(containers.get(1)).invalidate("cluster", "inv");
        assertFalse(caches(containers.get(2)).peek("cluster", "inv").isPresent());
        assertEquals("inv#2", prices(containers.get(2)).price("inv"));
        assertEquals("inv#2", prices(containers.get(0)).price("inv"));

        assertTrue(caches(containers.get(0)).invalidateSoftly("cluster", "inv"));
        assertTrue(caches(containers.get(1)).peek("cluster", "inv").orElseThrow().invalidated());
        assertEquals("inv#3", prices(containers.get(1)).price("inv"));

        prices(containers.get(2)).update("inv");
        assertFalse(caches(containers.get(0)).peek("cluster", "inv").isPresent());
        assertEquals("inv#4", prices(containers.get(0)).price("inv"));
        assertEquals(4, gate.runs());
    }

    /** Starts 32 callers per container at once; {@code onReturn} sees each value as it arrives. */
    private List<Future<String>> callEverywhere(String key, java.util.function.Consumer<String> onReturn) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (WeldContainer container : containers) {
            ClusterPrices prices = prices(container);
            for (int i = 0; i < CALLERS_PER_CONTAINER; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    String value = prices.price(key);
                    if (onReturn != null) {
                        onReturn.accept(value);
                    }
                    return value;
                }));
            }
        }
        start.countDown();
        return results;
    }

    private static ClusterPrices prices(WeldContainer container) {
        return container.select(ClusterPrices.class).get();
    }

    private static DogpileCaches caches(WeldContainer container) {
        return container.select(DogpileCaches.class).get();
    }

    private static void awaitStale(DogpileCaches caches, String key) {
        Poll.until("condition", Duration.ofMinutes(1), () -> {
            CacheEntry entry = caches.peek("cluster", key).orElseThrow();
            return !entry.isFreshAt(caches.engine().store().currentTimeMillis());
        });
    }
}
