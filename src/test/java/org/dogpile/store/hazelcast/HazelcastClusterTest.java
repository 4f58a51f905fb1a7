package org.dogpile.store.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.engine.Loader;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.OwnerTokenLocks;
import org.dogpile.store.LockLease;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@link DogpileEngine} over {@link HazelcastStore} on three real members in this JVM:
 * one loader run in the whole cluster, stale values served across members, owner-checked release
 * across members, invalidation seen everywhere. The members are shared by the tests; every test
 * uses a cache of its own.
 */
class HazelcastClusterTest {

    private static final int MEMBERS = 3;
    private static final int CALLERS_PER_MEMBER = 32;
    private static final DogpilePolicy POLICY = DogpilePolicy.expireAfter(Duration.ofMinutes(1))
        .withLockTimeout(Duration.ofSeconds(30), LockTimeoutFallback.THROW)
        .withLease(Duration.ofSeconds(30));

    private static TestCluster cluster;
    private static final List<HazelcastStore> stores = new ArrayList<>();
    private static final List<DogpileEngine> engines = new ArrayList<>();

    private String cache;
    private ExecutorService pool;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(MEMBERS);
        for (int i = 0; i < MEMBERS; i++) {
            HazelcastStore store = new HazelcastStore(cluster.member(i));
            stores.add(store);
            engines.add(new DogpileEngine(store));
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void newCacheAndThreads() {
        cache = "cluster-" + UUID.randomUUID();
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void engineGet_absentKeyFrom32CallersOnEachOf3Members_loaderRunsOnceAndEveryoneGetsItsValue() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        AtomicInteger arrived = new AtomicInteger();
        int callers = MEMBERS * CALLERS_PER_MEMBER;

        List<Future<Object>> results = startCallers(member -> {
            arrived.incrementAndGet();
            return engines.get(member).get(cache, "k", POLICY, () -> {
                int load = loads.incrementAndGet();
                // hold the lock until every caller is inside the engine, so they all contend
                TestCluster.await("all callers to arrive", 30_000, () -> arrived.get() == callers);
                return "value-" + member + "-" + load;
            });
        });

        Set<Object> values = ConcurrentHashMap.newKeySet();
        for (Future<Object> result : results) {
            values.add(result.get(60, TimeUnit.SECONDS));
        }
        assertEquals(1, loads.get(), "loader runs");
        assertEquals(1, values.size(), "every caller gets the one loaded value: " + values);
        for (DogpileEngine engine : engines) {
            assertEquals(values.iterator().next(), engine.peek(cache, "k").orElseThrow().value());
        }
    }

    @Test
    void engineGet_staleKeyFrom32CallersOnEachOf3Members_oneLoadsOthersGetStaleWhileItRuns() throws Exception {
        HazelcastStore first = stores.get(0);
        long now = first.currentTimeMillis();
        assertEquals("old", engines.get(0).get(cache, "k", POLICY, () -> "old"));
        TestCluster.age(first, cache, "k", 120_000);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch loaderRunning = new CountDownLatch(1);
        CountDownLatch finishLoad = new CountDownLatch(1);
        Queue<Object> returned = new ConcurrentLinkedQueue<>();

        List<Future<Object>> results = startCallers(member -> {
            Object value = engines.get(member).get(cache, "k", POLICY, () -> {
                loads.incrementAndGet();
                loaderRunning.countDown();
                assertTrue(finishLoad.await(60, TimeUnit.SECONDS), "the test never let the loader finish");
                return "new";
            });
            returned.add(value);
            return value;
        });

        assertTrue(loaderRunning.await(30, TimeUnit.SECONDS), "no caller ran the loader");
        int others = MEMBERS * CALLERS_PER_MEMBER - 1;
        TestCluster.await(others + " callers to return while the loader is blocked", 30_000,
            () -> returned.size() >= others);
        List<Object> staleResults = new ArrayList<>(returned);
        assertEquals(others, staleResults.size());
        assertTrue(staleResults.stream().allMatch("old"::equals), "callers got " + staleResults);
        assertEquals(1, loads.get());

        finishLoad.countDown();
        List<Object> all = new ArrayList<>();
        for (Future<Object> result : results) {
            all.add(result.get(60, TimeUnit.SECONDS));
        }
        assertEquals(1, all.stream().filter("new"::equals).count(), "the caller that loaded gets the new value");
        assertEquals(1, loads.get(), "loader runs");
        for (int member = 0; member < MEMBERS; member++) {
            CacheEntry entry = engines.get(member).peek(cache, "k").orElseThrow();
            assertEquals("new", entry.value());
            assertTrue(entry.isFreshAt(stores.get(member).currentTimeMillis()));
        }
    }

    @Test
    void release_afterLeaseRanOutAndOtherMemberTookOver_doesNotFreeTheNewOwnersLock() {
        OwnerTokenLocks a = TestCluster.locks(stores.get(0));
        OwnerTokenLocks b = TestCluster.locks(stores.get(1));
        OwnerTokenLocks c = TestCluster.locks(stores.get(2));
        LockLease leaseA = a.tryLock(cache, "k", 500);
        assertNotNull(leaseA);
        assertNull(b.tryLock(cache, "k", 60_000), "held by member 0");

        AtomicReference<LockLease> leaseB = new AtomicReference<>();
        TestCluster.await("member 1 to take over the run-out lease", 10_000,
            () -> leaseB.updateAndGet(held -> held != null ? held : b.tryLock(cache, "k", 60_000)) != null);
        assertTrue(leaseB.get().expiresAt() > leaseA.expiresAt());

        assertFalse(a.release(leaseA), "member 0's lease no longer owns the lock");
        assertNull(c.tryLock(cache, "k", 60_000), "member 1 still holds it");
        assertTrue(b.release(leaseB.get()));
        assertNotNull(c.tryLock(cache, "k", 60_000));
    }

    @Test
    void invalidateSoftly_onOneMember_othersServeStaleWhileOneRegenerates() throws Exception {
        DogpileEngine a = engines.get(0);
        DogpileEngine b = engines.get(1);
        DogpileEngine c = engines.get(2);
        assertEquals("v1", a.get(cache, "k", POLICY, () -> "v1"));
        assertEquals("v1", b.get(cache, "k", POLICY, mustNotLoad()), "fresh on member 1");

        assertTrue(a.invalidateSoftly(cache, "k"));

        CountDownLatch regenerating = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Object> regenerated = CompletableFuture.supplyAsync(() -> call(() ->
            c.get(cache, "k", POLICY, () -> {
                regenerating.countDown();
                assertTrue(finish.await(60, TimeUnit.SECONDS));
                return "v2";
            })), pool);
        assertTrue(regenerating.await(30, TimeUnit.SECONDS), "member 2 did not see the entry as stale");
        assertEquals("v1", b.get(cache, "k", POLICY, mustNotLoad()), "member 1 serves the stale value");
        finish.countDown();
        assertEquals("v2", regenerated.get(60, TimeUnit.SECONDS));
        assertEquals("v2", b.get(cache, "k", POLICY, mustNotLoad()), "fresh again everywhere");
    }

    @Test
    void invalidateAllSoftly_onOneMember_nextCallerOnAnotherRegenerates() throws Exception {
        DogpileEngine a = engines.get(0);
        DogpileEngine b = engines.get(1);
        for (int i = 0; i < 10; i++) {
            a.get(cache, "k" + i, POLICY, () -> "v1");
        }

        a.invalidateAllSoftly(cache);

        for (int i = 0; i < 10; i++) {
            assertTrue(engines.get(2).peek(cache, "k" + i).orElseThrow().invalidated());
            assertEquals("v2", b.get(cache, "k" + i, POLICY, () -> "v2"));
        }
    }

    @Test
    void invalidate_onOneMember_entryGoneEverywhereAndNextCallerLoads() throws Exception {
        DogpileEngine a = engines.get(0);
        DogpileEngine b = engines.get(1);
        a.get(cache, "k", POLICY, () -> "v1");
        a.get(cache, "other", POLICY, () -> "o1");

        a.invalidate(cache, "k");

        assertTrue(b.peek(cache, "k").isEmpty());
        assertTrue(engines.get(2).peek(cache, "k").isEmpty());
        assertEquals("o1", b.get(cache, "other", POLICY, mustNotLoad()));
        assertEquals("v2", b.get(cache, "k", POLICY, () -> "v2"));
    }

    @Test
    void invalidateAll_onOneMember_cacheEmptyEverywhere() throws Exception {
        DogpileEngine a = engines.get(0);
        for (int i = 0; i < 10; i++) {
            a.get(cache, "k" + i, POLICY, () -> "v1");
        }

        a.invalidateAll(cache);

        for (int i = 0; i < 10; i++) {
            assertTrue(engines.get(1).peek(cache, "k" + i).isEmpty());
            assertTrue(engines.get(2).peek(cache, "k" + i).isEmpty());
        }
    }

    @Test
    void currentTimeMillis_storesOnDifferentMembers_agreeOnClusterTime() {
        long before = stores.get(0).currentTimeMillis();
        long other = stores.get(1).currentTimeMillis();
        long after = stores.get(2).currentTimeMillis();
        assertTrue(Math.abs(other - before) < 1_000 && Math.abs(after - other) < 1_000,
            before + ", " + other + ", " + after);
    }

    /** A task run by one caller thread, given its member's index. */
    private interface Caller {
        Object call(int member) throws Exception;
    }

    /** Starts 32 callers per member, released together; returns their futures. */
    private List<Future<Object>> startCallers(Caller caller) throws InterruptedException {
        int callers = MEMBERS * CALLERS_PER_MEMBER;
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int member = i % MEMBERS;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return caller.call(member);
            }));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS), "callers did not start");
        go.countDown();
        return futures;
    }

    private static Loader<Object> mustNotLoad() {
        return () -> {
            throw new AssertionError("must not load: the value is there");
        };
    }

    private static Object call(Loader<Object> call) {
        try {
            return call.load();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
