package org.dogpile.store.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpileListener;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.testing.ManualClock;
import org.dogpile.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client/server topology: a two-member cluster of plain Hazelcast and three application
 * "JVMs" that are its clients. The members only ever hold byte arrays (entries in the library's own
 * format) and strings (locks), which is why no class of the library is needed on a dedicated
 * cluster's class path (these members share the test's JVM, so this shows the protocol, not the class
 * path). Stampedes still make one regeneration, stale values are served meanwhile, and clients keep
 * local copies fed by the cluster's entry events.
 */
class ClientTopologyTest {

    private static final Duration EXPIRE = Duration.ofMinutes(1);

    private final ManualClock clock = new ManualClock();
    private final DogpilePolicy policy = DogpilePolicy.expireAfter(EXPIRE);
    private final List<HazelcastStore> stores = new ArrayList<>();
    private final List<DogpileEngine> engines = new ArrayList<>();
    private final AtomicInteger localHits = new AtomicInteger();
    private TestCluster cluster;
    private String cache;

    @BeforeEach
    void start() {
        cluster = TestCluster.start(2);
        cache = "clients-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            HazelcastInstance client = cluster.client();
            HazelcastStore store = HazelcastStore.builder(client).clock(clock).build();
            stores.add(store);
            engines.add(DogpileEngine.builder(store).listener(new DogpileListener() {
                @Override
                public void onLocalHit(String cacheName) {
                    localHits.incrementAndGet();
                }
            }).build());
        }
    }

    @AfterEach
    void stop() {
        engines.forEach(DogpileEngine::close);
        stores.forEach(HazelcastStore::close);
        cluster.close();
    }

    @Test
    void coldAndExpiryStampedesFromThreeClients_oneRegenerationEachAndStaleServedMeanwhile() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        assertEquals(List.of("v1"), stampede(loads, 1));
        assertEquals(1, loads.get(), "cold stampede: one regeneration");

        clock.advance(EXPIRE);
        List<String> served = stampede(loads, 2);
        assertEquals(2, loads.get(), "expiry stampede: one regeneration");
        assertTrue(served.contains("v1") && served.contains("v2"), "stale served meanwhile: " + served);
        for (DogpileEngine engine : engines) {
            assertEquals("v2", engine.get(cache, "k", policy, () -> "unused"));
        }
    }

    @Test
    void hitsOnAClient_servedFromItsLocalTierAndInvalidationsReachIt() throws Exception {
        engines.get(0).get(cache, "k", policy, () -> "v1");
        engines.get(1).get(cache, "k", policy, () -> "unused");
        for (int i = 0; i < 50; i++) {
            assertEquals("v1", engines.get(1).get(cache, "k", policy, () -> "unused"));
        }
        assertTrue(localHits.get() >= 50, "local hits: " + localHits.get());

        engines.get(2).invalidate(cache, "k");
        TestCluster.await("client 1 to see the invalidation", 5_000,
            () -> "v2".equals(call(() -> engines.get(1).get(cache, "k", policy, () -> "v2"))));
    }

    /** 3 × 32 callers at once; a regeneration that takes long enough for all of them to arrive. */
    private List<String> stampede(AtomicInteger loads, int version) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger arrived = new AtomicInteger();
        ExecutorService callers = Threads.perTaskExecutor();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            DogpileEngine engine = engines.get(i % 3);
            results.add(callers.submit(() -> {
                go.await();
                arrived.incrementAndGet();
                return engine.get(cache, "k", policy, () -> {
                    loads.incrementAndGet();
                    TestCluster.await("the callers to arrive", 30_000, () -> arrived.get() == 96);
                    return "v" + version;
                });
            }));
        }
        go.countDown();
        Threads.finish(callers);
        List<String> served = new ArrayList<>();
        for (Future<String> result : results) {
            String value = result.get();
            if (!served.contains(value)) {
                served.add(value);
            }
        }
        return served;
    }

    private static Object call(java.util.concurrent.Callable<?> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e;
        }
    }
}
