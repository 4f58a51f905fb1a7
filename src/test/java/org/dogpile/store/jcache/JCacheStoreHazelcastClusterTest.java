package org.dogpile.store.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.store.OwnerTokenLocks;
import org.dogpile.store.LockLease;
import org.dogpile.store.hazelcast.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JCacheStore} on Hazelcast's JCache member provider across two real members: entries,
 * invalidation and locks are cluster-wide. Each member gets its own provider instance, because a
 * provider hands out one cache manager per URI and class loader, and a different URI would put
 * the caches in a different namespace.
 */
class JCacheStoreHazelcastClusterTest {

    private static TestCluster cluster;
    private static final List<CacheManager> managers = new ArrayList<>();
    private static final List<JCacheStore> stores = new ArrayList<>();
    private String cache;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(2);
        for (HazelcastInstance member : cluster.members()) {
            CachingProvider provider = new HazelcastMemberCachingProvider();
            CacheManager manager = provider.getCacheManager(provider.getDefaultURI(),
                provider.getDefaultClassLoader(), HazelcastCachingProvider.propertiesByInstanceItself(member));
            managers.add(manager);
            stores.add(JCacheStore.builder(manager).clock(() -> member.getCluster().getClusterTime()).build());
        }
    }

    @AfterAll
    static void stopCluster() {
        managers.forEach(CacheManager::close);
        cluster.close();
    }

    @BeforeEach
    void newCache() {
        cache = "jcache-cluster-" + UUID.randomUUID();
    }

    @Test
    void tryLock_heldOnOneMember_refusedOnTheOtherUntilReleased() {
        OwnerTokenLocks a = new OwnerTokenLocks(stores.get(0).locks(), stores.get(0)::currentTimeMillis);
        OwnerTokenLocks b = new OwnerTokenLocks(stores.get(1).locks(), stores.get(1)::currentTimeMillis);
        LockLease lease = a.tryLock(cache, "k", 60_000);
        assertNotNull(lease);

        assertNull(b.tryLock(cache, "k", 60_000));
        assertTrue(a.release(lease));
        assertNotNull(b.tryLock(cache, "k", 60_000));
    }

    @Test
    void get_onOneMember_readAndSoftlyInvalidatedOnTheOther() throws Exception {
        DogpileEngine a = new DogpileEngine(stores.get(0));
        DogpileEngine b = new DogpileEngine(stores.get(1));
        DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofMinutes(1));
        assertEquals("v", a.get(cache, "k", policy, () -> "v"));

        assertEquals("v", b.peek(cache, "k").orElseThrow().value());
        assertTrue(b.invalidateSoftly(cache, "k"));
        assertTrue(a.peek(cache, "k").orElseThrow().invalidated());
        b.invalidate(cache, "k");
        assertTrue(a.peek(cache, "k").isEmpty());
        assertFalse(a.invalidateSoftly(cache, "k"));
        a.close();
        b.close();
    }

    @Test
    void engineGet_absentKeyFrom16CallersOnEachMember_loaderRunsOnce() throws Exception {
        DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofMinutes(1))
            .withLockTimeout(Duration.ofSeconds(30), LockTimeoutFallback.THROW);
        List<DogpileEngine> engines = List.of(new DogpileEngine(stores.get(0)), new DogpileEngine(stores.get(1)));
        AtomicInteger loads = new AtomicInteger();
        AtomicInteger arrived = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                DogpileEngine engine = engines.get(i % 2);
                results.add(pool.submit(() -> {
                    go.await();
                    arrived.incrementAndGet();
                    return engine.get(cache, "k", policy, () -> {
                        loads.incrementAndGet();
                        TestCluster.await("all callers to arrive", 30_000, () -> arrived.get() == 32);
                        return "loaded-" + loads.get();
                    });
                }));
            }
            go.countDown();
            Set<Object> values = new HashSet<>();
            for (Future<Object> result : results) {
                values.add(result.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, loads.get());
            assertEquals(Set.of("loaded-1"), values);
        } finally {
            pool.shutdownNow();
        }
    }
}
