package org.dogpile.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.engine.Loader;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.EntryTable;
import org.dogpile.store.LockTable;
import org.dogpile.store.StoredEntry;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.dogpile.store.hazelcast.TestCluster;
import org.dogpile.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The counters tell the story of a stampede, summed over three real Hazelcast members in this JVM,
 * each with its own engine and {@link StatsRecorder}, on one manual clock: 64 callers per member
 * call one key at once. Latches decide who is where; nothing sleeps.
 */
class ClusterStatsTest {

    private static final int MEMBERS = 3;
    private static final int CALLERS_PER_MEMBER = 64;
    private static final int CALLERS = MEMBERS * CALLERS_PER_MEMBER;
    private static final Duration EXPIRE = Duration.ofMinutes(1);
    private static final DogpilePolicy POLICY = DogpilePolicy.expireAfter(EXPIRE)
        .withLockTimeout(Duration.ofMinutes(5), LockTimeoutFallback.THROW)
        .withLease(Duration.ofMinutes(5));
    private static final long DEADLINE_SECONDS = 60;

    private static final ManualClock clock = new ManualClock();
    private static TestCluster cluster;
    private static final List<StatsRecorder> stats = new ArrayList<>();
    private static final List<DogpileEngine> engines = new ArrayList<>();
    /** The threads that have read the key being watched, through any member's store. */
    private static final Set<Thread> readers = ConcurrentHashMap.newKeySet();
    private static volatile String watchedCache;

    private String cache;
    private ExecutorService callers;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(MEMBERS);
        for (int i = 0; i < MEMBERS; i++) {
            StatsRecorder recorder = new StatsRecorder();
            // a generous store bound: on a busy machine the 1 s default trips, and a caller failing open is another story
            DogpileStore store = new WatchedStore(HazelcastStore.builder(cluster.member(i)).clock(clock)
                .operationTimeout(Duration.ofSeconds(DEADLINE_SECONDS)).build());
            stats.add(recorder);
            // every caller reads the store itself: the cold stampede below waits until all have read the absent key
            engines.add(DogpileEngine.builder(store).executor(Runnable::run).listener(recorder).sharedReads(false).build());
        }
    }

    @AfterAll
    static void stopCluster() {
        engines.forEach(DogpileEngine::close);
        cluster.close();
    }

    @BeforeEach
    void newCacheAndCallers() {
        cache = "stats-" + UUID.randomUUID();
        callers = Executors.newFixedThreadPool(CALLERS);
        readers.clear();
    }

    @AfterEach
    void stopCallers() throws InterruptedException {
        watchedCache = null;
        callers.shutdownNow();
        assertTrue(callers.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS));
    }

    /** @return this test cache's numbers, summed over the members */
    private DogpileStats clusterStats() {
        DogpileStats sum = DogpileStats.empty();
        for (StatsRecorder recorder : stats) {
            sum = sum.plus(recorder.snapshot(cache));
        }
        return sum;
    }

    /** Starts 64 callers on each member, all calling the key with the loader. */
    private List<Future<Object>> stampede(DogpilePolicy policy, Loader<Object> loader) {
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            DogpileEngine engine = engines.get(i % MEMBERS);
            results.add(callers.submit(() -> engine.get(cache, "k", policy, loader)));
        }
        return results;
    }

    /** Counts a load; a second one fails at once instead of waiting for callers that will not come. */
    private static void onlyLoad(AtomicInteger loads) {
        int load = loads.incrementAndGet();
        if (load > 1) {
            throw new AssertionError("load number " + load + ": the method ran more than once");
        }
    }

    private static long done(Collection<Future<Object>> results) {
        return results.stream().filter(Future::isDone).count();
    }

    @Test
    void coldStampede_3x64Callers_oneRegenerationAnd191WaitedMissesNoStale() throws Exception {
        watchedCache = cache;
        AtomicInteger loads = new AtomicInteger();
        List<Future<Object>> results = stampede(POLICY, () -> {
            onlyLoad(loads);
            // every caller has read the key and found nothing before the value exists: all 191 others must wait
            TestCluster.await("all callers to read the absent key", DEADLINE_SECONDS * 1000, () -> readers.size() == CALLERS);
            return "v1";
        });
        for (Future<Object> result : results) {
            assertEquals("v1", result.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
        }

        DogpileStats sum = clusterStats();
        assertEquals(1, loads.get());
        assertEquals(1, sum.regenerations());
        assertEquals(0, sum.failedRegenerations());
        assertEquals(CALLERS - 1, sum.missesWaited());
        assertEquals(0, sum.staleHits());
        assertEquals(0, sum.freshHits());
        assertEquals(CALLERS, sum.missCount());
        assertEquals(0, sum.lockTimeouts() + sum.storeFailures() + sum.leasesLost() + sum.writesRefused());
        assertTrue(sum.maxMissWait().compareTo(sum.totalMissWait()) <= 0);
        System.out.println("cold stampede, 3 x 64 callers: " + sum);
    }

    @Test
    void expiryStampede_3x64Callers_oneRegenerationAnd191StaleHits() throws Exception {
        assertEquals("v1", engines.get(0).get(cache, "k", POLICY, () -> "v1"));
        clock.advance(EXPIRE.plusSeconds(1));
        DogpileStats before = clusterStats();
        AtomicInteger loads = new AtomicInteger();
        List<Future<Object>> results = new CopyOnWriteArrayList<>();
        results.addAll(stampede(POLICY, () -> {
            onlyLoad(loads);
            TestCluster.await("the 191 other callers to return", DEADLINE_SECONDS * 1000, () -> done(results) == CALLERS - 1);
            return "v2";
        }));
        List<Object> values = new ArrayList<>();
        for (Future<Object> result : results) {
            values.add(result.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
        }

        DogpileStats during = clusterStats().minus(before);
        assertEquals(1, loads.get());
        assertEquals(CALLERS - 1, values.stream().filter("v1"::equals).count(), "stale values served");
        assertEquals(1, during.regenerations());
        assertEquals(CALLERS - 1, during.staleHits());
        assertEquals(0, during.missesWaited());
        assertEquals(0, during.freshHits());
        assertEquals(0, during.failedRegenerations() + during.lockTimeouts() + during.storeFailures());
        assertEquals(0, during.leasesLost() + during.writesRefused());
        assertEquals(1, before.regenerations(), "the first value, before the stampede");
        System.out.println("expiry stampede, 3 x 64 callers: " + during);
    }

    @Test
    void failingMethodWithStaleIfError_stampedeThenRetries_failedRegenerationsEachServedStale() throws Exception {
        DogpilePolicy policy = POLICY.withStaleIfError(Duration.ofMinutes(10));
        assertEquals("v1", engines.get(0).get(cache, "k", policy, () -> "v1"));
        clock.advance(EXPIRE.plusSeconds(1));
        DogpileStats before = clusterStats();
        AtomicInteger loads = new AtomicInteger();
        List<Future<Object>> results = new CopyOnWriteArrayList<>();
        results.addAll(stampede(policy, () -> {
            onlyLoad(loads);
            TestCluster.await("the 191 other callers to return", DEADLINE_SECONDS * 1000, () -> done(results) == CALLERS - 1);
            throw new IllegalStateException("backend down");
        }));
        for (Future<Object> result : results) {
            assertEquals("v1", result.get(DEADLINE_SECONDS, TimeUnit.SECONDS), "everyone gets the stale value");
        }
        DogpileStats stampede = clusterStats().minus(before);
        assertEquals(1, loads.get());
        assertEquals(1, stampede.failedRegenerations());
        assertEquals(1, stampede.staleIfErrorServes(), "the caller that ran the method");
        assertEquals(CALLERS - 1, stampede.staleHits(), "the others, while it ran");
        assertEquals(0, stampede.regenerations() + stampede.missesWaited() + stampede.freshHits());
        assertEquals(0, stampede.storeFailures() + stampede.lockTimeouts());

        // the backend stays down: each later call tries again and is answered with the stale value
        int retries = 5;
        for (int i = 0; i < retries; i++) {
            assertEquals("v1", engines.get(i % MEMBERS).get(cache, "k", policy, () -> {
                throw new IllegalStateException("backend down");
            }));
        }
        DogpileStats after = clusterStats().minus(before);
        assertEquals(1 + retries, after.failedRegenerations());
        assertEquals(1 + retries, after.staleIfErrorServes());

        // past the stale-if-error window the failure reaches the caller, and is counted as such
        clock.advance(Duration.ofMinutes(10));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> callers.submit(() ->
            engines.get(1).get(cache, "k", policy, () -> {
                throw new IllegalStateException("backend down");
            })).get(DEADLINE_SECONDS, TimeUnit.SECONDS));
        assertEquals("backend down", failed.getCause().getMessage());
        DogpileStats total = clusterStats().minus(before);
        assertEquals(2 + retries, total.failedRegenerations());
        assertEquals(1 + retries, total.staleIfErrorServes());
        System.out.println("failing method with stale-if-error: " + total);
    }

    /** A store that notes which threads read the watched cache; everything else is the member's store. */
    private static final class WatchedStore implements DogpileStore {
        private final DogpileStore store;
        private final EntryTable entries;

        WatchedStore(DogpileStore store) {
            this.store = store;
            EntryTable real = store.entries();
            this.entries = new EntryTable() {
                @Override
                public boolean keepsReferences() {
                    return real.keepsReferences();
                }

                @Override
                public StoredEntry get(String cache, String key) {
                    StoredEntry entry = real.get(cache, key);
                    if (cache.equals(watchedCache)) {
                        readers.add(Thread.currentThread());
                    }
                    return entry;
                }

                @Override
                public boolean putIfAbsent(String cache, String key, StoredEntry entry, long ttlMillis) {
                    return real.putIfAbsent(cache, key, entry, ttlMillis);
                }

                @Override
                public boolean replace(String cache, String key, StoredEntry expected, StoredEntry replacement, long ttlMillis) {
                    return real.replace(cache, key, expected, replacement, ttlMillis);
                }

                @Override
                public boolean remove(String cache, String key, StoredEntry expected) {
                    return real.remove(cache, key, expected);
                }

                @Override
                public void remove(String cache, String key) {
                    real.remove(cache, key);
                }

                @Override
                public void clear(String cache) {
                    real.clear(cache);
                }

                @Override
                public Collection<String> keys(String cache) {
                    return real.keys(cache);
                }

                @Override
                public void keep(String cache, String key, long ttlMillis) {
                    real.keep(cache, key, ttlMillis);
                }
            };
        }

        @Override
        public long currentTimeMillis() {
            return store.currentTimeMillis();
        }

        @Override
        public EntryTable entries() {
            return entries;
        }

        @Override
        public LockTable locks() {
            return store.locks();
        }
    }
}
