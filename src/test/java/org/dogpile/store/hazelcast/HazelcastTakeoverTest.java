package org.dogpile.store.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.OwnerTokenLocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The member holding a key's regeneration lock dies mid-regeneration: another member takes over
 * once the lease runs out on the cluster clock, nobody waits past the lock timeout, and with backup
 * count 1 the survivors lose no entry. The key is chosen so that the victim also owns the partition
 * of the lock entry. Its own three members, since one of them is killed.
 */
class HazelcastTakeoverTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);
    private static final DogpilePolicy POLICY = DogpilePolicy.expireAfter(Duration.ofMinutes(5))
        .withLease(LEASE)
        .withLockTimeout(LOCK_TIMEOUT, LockTimeoutFallback.THROW);
    private static final int CALLERS_PER_SURVIVOR = 16;
    private static final int ENTRIES = 300;

    private TestCluster cluster;
    private ExecutorService pool;

    @BeforeEach
    void startCluster() {
        cluster = TestCluster.start(3);
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopCluster() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        cluster.close();
    }

    @Test
    void engineGet_lockHolderTerminatedMidRegeneration_survivorRegeneratesWithinLeaseAndLosesNoEntry()
            throws Exception {
        HazelcastInstance victim = cluster.member(0);
        List<HazelcastStore> survivors = List.of(new HazelcastStore(cluster.member(1)),
            new HazelcastStore(cluster.member(2)));
        DogpileEngine victimEngine = new DogpileEngine(new HazelcastStore(victim));
        for (int i = 0; i < ENTRIES; i++) { // spread over every member's partitions, written from all three
            DogpileEngine writer = i % 3 == 0 ? victimEngine : new DogpileEngine(survivors.get(i % 3 - 1));
            String value = "entry-" + i;
            writer.get("survivors", "k" + i, POLICY, () -> value);
        }

        // a key whose lock entry lives in a partition the victim owns: after its death the lock
        // is read from the promoted backup
        String key = keyWithLockOwnedBy(victim);

        // the victim takes the lock and hangs in its loader
        CountDownLatch victimLoading = new CountDownLatch(1);
        CountDownLatch releaseVictim = new CountDownLatch(1);
        AtomicLong lockTakenNanos = new AtomicLong();
        Future<Object> victimCall = pool.submit(() -> victimEngine.get("prices", key, POLICY, () -> {
            lockTakenNanos.set(System.nanoTime());
            victimLoading.countDown();
            releaseVictim.await(60, TimeUnit.SECONDS);
            return "from-victim";
        }));
        assertTrue(victimLoading.await(30, TimeUnit.SECONDS), "the victim never started loading");

        // the survivors' callers find no value and wait for the lock
        AtomicInteger survivorLoads = new AtomicInteger();
        AtomicLong takeoverNanos = new AtomicLong();
        List<Future<Long>> callers = new ArrayList<>();
        Set<Object> values = ConcurrentHashMap.newKeySet();
        CountDownLatch started = new CountDownLatch(2 * CALLERS_PER_SURVIVOR);
        for (int i = 0; i < 2 * CALLERS_PER_SURVIVOR; i++) {
            DogpileEngine engine = new DogpileEngine(survivors.get(i % 2));
            int survivor = i % 2 + 1;
            callers.add(pool.submit(() -> {
                started.countDown();
                long start = System.nanoTime();
                values.add(engine.get("prices", key, POLICY, () -> {
                    takeoverNanos.compareAndSet(0, System.nanoTime());
                    survivorLoads.incrementAndGet();
                    return "from-member-" + survivor;
                }));
                return System.nanoTime() - start;
            }));
        }
        assertTrue(started.await(30, TimeUnit.SECONDS));

        long terminatedNanos = System.nanoTime();
        victim.getLifecycleService().terminate();

        long slowestCallerNanos = 0;
        for (Future<Long> caller : callers) {
            slowestCallerNanos = Math.max(slowestCallerNanos, caller.get(60, TimeUnit.SECONDS));
        }
        releaseVictim.countDown();
        long sinceLock = takeoverNanos.get() - lockTakenNanos.get();
        long sinceTermination = takeoverNanos.get() - terminatedNanos;
        System.out.printf("takeover: %d ms after the victim took the lock, %d ms after it was terminated"
                + " (lease %d ms); slowest caller waited %d ms (lock timeout %d ms)%n",
            TimeUnit.NANOSECONDS.toMillis(sinceLock), TimeUnit.NANOSECONDS.toMillis(sinceTermination),
            LEASE.toMillis(), TimeUnit.NANOSECONDS.toMillis(slowestCallerNanos), LOCK_TIMEOUT.toMillis());

        assertEquals(1, survivorLoads.get(), "one survivor regenerates");
        assertEquals(1, values.size(), "every caller gets the survivor's value: " + values);
        assertTrue(sinceLock <= LEASE.plusSeconds(1).toNanos(),
            "takeover " + TimeUnit.NANOSECONDS.toMillis(sinceLock) + " ms after the lock was taken");
        assertTrue(slowestCallerNanos < LOCK_TIMEOUT.toNanos(), "a caller waited past the lock timeout");
        for (HazelcastStore survivor : survivors) {
            for (int i = 0; i < ENTRIES; i++) {
                CacheEntry entry = new DogpileEngine(survivor).peek("survivors", "k" + i).orElse(null);
                assertNotNull(entry, "entry k" + i + " lost");
                assertEquals("entry-" + i, entry.value());
            }
            assertEquals(values.iterator().next(), new DogpileEngine(survivor).peek("prices", key).orElseThrow().value());
        }
        victimCall.cancel(true);
    }

    private static String keyWithLockOwnedBy(HazelcastInstance member) {
        for (int i = 0; ; i++) {
            String key = "k" + i;
            Member owner = member.getPartitionService().getPartition(OwnerTokenLocks.lockKey("prices", key)).getOwner();
            if (owner != null && owner.getUuid().equals(member.getCluster().getLocalMember().getUuid())) {
                return key;
            }
        }
    }
}
