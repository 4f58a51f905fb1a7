package org.dogpile.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dogpile.engine.DogpileListener;
import org.dogpile.testing.Threads;
import org.junit.jupiter.api.Test;

class StatsRecorderTest {

    private final StatsRecorder recorder = new StatsRecorder();

    @Test
    void snapshot_everyEventKind_countedUnderItsCache() {
        recorder.onFreshHit("a");
        recorder.onFreshHit("a");
        recorder.onStaleHit("a");
        recorder.onLocalHit("a");
        recorder.onMissWaited("a", 300);
        recorder.onMissWaited("a", 500);
        recorder.onRegeneration("a", 1_000, null, false);
        recorder.onRegeneration("a", 4_000, new IllegalStateException("down"), false);
        recorder.onRegeneration("a", 2_000, null, true);
        recorder.onRegeneration("a", 3_000, new IllegalStateException("down"), true);
        recorder.onLockTimeout("a", true);
        recorder.onLockTimeout("a", false);
        recorder.onStaleIfError("a");
        recorder.onLeaseRenewed("a");
        recorder.onLeaseRenewed("a");
        recorder.onLeaseLost("a");
        recorder.onWriteRefused("a");
        recorder.onInvalidation("a", false, false);
        recorder.onInvalidation("a", true, false);
        recorder.onInvalidation("a", true, true);
        recorder.onStoreFailure("a", new IllegalStateException("timeout"), true);
        recorder.onStoreFailure("a", new IllegalStateException("timeout"), false);
        recorder.onFreshHit("b");

        DogpileStats a = recorder.snapshot("a");
        assertEquals(2, a.freshHits());
        assertEquals(1, a.staleHits());
        assertEquals(1, a.localHits());
        assertEquals(2, a.missesWaited());
        assertEquals(Duration.ofNanos(800), a.totalMissWait());
        assertEquals(Duration.ofNanos(500), a.maxMissWait());
        assertEquals(2, a.regenerations());
        assertEquals(2, a.failedRegenerations());
        assertEquals(2, a.backgroundRegenerations());
        assertEquals(1, a.backgroundFailures());
        assertEquals(Duration.ofNanos(10_000), a.totalRegenerationTime());
        assertEquals(Duration.ofNanos(4_000), a.maxRegenerationTime());
        assertEquals(2, a.lockTimeouts());
        assertEquals(1, a.lockTimeoutFallbackCalls());
        assertEquals(1, a.staleIfErrorServes());
        assertEquals(2, a.leasesRenewed());
        assertEquals(1, a.leasesLost());
        assertEquals(1, a.writesRefused());
        assertEquals(1, a.hardInvalidations());
        assertEquals(2, a.softInvalidations());
        assertEquals(1, a.wholeCacheInvalidations());
        assertEquals(2, a.storeFailures());
        assertEquals(1, a.failOpenCalls());
        assertEquals(4, a.hitCount());
        assertEquals(2 + 2 + 2, a.missCount(), "waited + lock timeouts + foreground regenerations");
        assertEquals(4, a.regenerationAttempts());

        assertEquals(1, recorder.snapshot("b").freshHits());
        assertEquals(DogpileStats.empty(), recorder.snapshot("never"));
        assertEquals(Set.of("a", "b"), recorder.caches());
        assertEquals(3, recorder.snapshot().freshHits());
        assertEquals(List.of("a", "b"), List.copyOf(recorder.snapshots().keySet()));
    }

    @Test
    void snapshot_manyThreadsRecording_noEventLost() throws Exception {
        int threads = 16;
        int perThread = 10_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService executor = Threads.perTaskExecutor();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long wait = t + 1;
            done.add(executor.submit(() -> {
                start.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS);
                for (int i = 0; i < perThread; i++) {
                    recorder.onFreshHit("c" + (i % 3));
                    recorder.onMissWaited("c0", wait);
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
        Threads.finish(executor);

        DogpileStats all = recorder.snapshot();
        assertEquals((long) threads * perThread, all.freshHits());
        assertEquals((long) threads * perThread, recorder.snapshot("c0").missesWaited());
        assertEquals((long) perThread * (threads * (threads + 1) / 2), all.totalMissWait().toNanos());
        assertEquals(threads, all.maxMissWait().toNanos());
        long c0 = recorder.snapshot("c0").freshHits();
        long c1 = recorder.snapshot("c1").freshHits();
        assertEquals((long) threads * perThread, c0 + c1 + recorder.snapshot("c2").freshHits());
        assertEquals((long) threads * 3334, c0);
    }

    @Test
    void snapshot_moreCachesThanTheLimit_restCountedAsOtherCaches() {
        StatsRecorder small = new StatsRecorder(2);
        small.onFreshHit("a");
        small.onFreshHit("b");
        small.onFreshHit("c");
        small.onStaleHit("d");
        small.onFreshHit("a");

        assertEquals(Set.of("a", "b", StatsRecorder.OTHER_CACHES), small.caches());
        assertEquals(2, small.snapshot("a").freshHits());
        assertEquals(1, small.snapshot(StatsRecorder.OTHER_CACHES).freshHits());
        assertEquals(1, small.snapshot(StatsRecorder.OTHER_CACHES).staleHits());
        assertEquals(DogpileStats.empty(), small.snapshot("c"));
        assertThrows(IllegalArgumentException.class, () -> new StatsRecorder(0));
    }

    @Test
    void addCacheObserver_existingAndNewCaches_eachReportedAndAThrowingObserverIgnored() {
        recorder.onFreshHit("a");
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        recorder.addCacheObserver(cache -> {
            throw new IllegalStateException("broken observer");
        });
        recorder.addCacheObserver(seen::add);
        recorder.onStaleHit("b");
        recorder.onStaleHit("b");

        assertEquals(List.of("a", "b"), List.copyOf(seen));
        assertEquals(2, recorder.snapshot("b").staleHits());
    }

    @Test
    void listener_nullCacheName_countedWithoutThrowing() {
        recorder.onFreshHit(null);
        assertEquals(1, recorder.snapshot("").freshHits());
    }

    @Test
    void compositeOf_throwingListenerFirst_othersStillHearEveryEvent() {
        StatsRecorder first = new StatsRecorder();
        StatsRecorder second = new StatsRecorder();
        DogpileListener throwing = new DogpileListener() {
            @Override
            public void onFreshHit(String cache) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void onRegeneration(String cache, long durationNanos, Throwable failure, boolean background) {
                throw new IllegalStateException("broken listener");
            }
        };
        DogpileListener composite = CompositeListener.of(throwing, first, CompositeListener.of(second, DogpileListener.NONE));

        assertEquals(List.of(throwing, first, second), ((CompositeListener) composite).listeners());
        composite.onFreshHit("a");
        composite.onStaleHit("a");
        composite.onLocalHit("a");
        composite.onMissWaited("a", 7);
        composite.onRegeneration("a", 9, null, true);
        composite.onLockTimeout("a", true);
        composite.onStaleIfError("a");
        composite.onLeaseRenewed("a");
        composite.onLeaseLost("a");
        composite.onWriteRefused("a");
        composite.onInvalidation("a", true, true);
        composite.onStoreFailure("a", new IllegalStateException("x"), true);

        for (StatsRecorder recorder : List.of(first, second)) {
            DogpileStats stats = recorder.snapshot("a");
            for (DogpileCounter counter : DogpileCounter.values()) {
                long expected = switch (counter) {
                    case MISS_WAIT_NANOS, MISS_WAIT_MAX_NANOS -> 7;
                    case REGENERATION_NANOS, REGENERATION_MAX_NANOS -> 9;
                    case REGENERATIONS_FAILED, BACKGROUND_FAILURES, HARD_INVALIDATIONS -> 0;
                    default -> 1;
                };
                assertEquals(expected, stats.get(counter), counter.name());
            }
        }
    }

    @Test
    void compositeOf_oneOrNoListener_returnsItOrNone() {
        assertSame(recorder, CompositeListener.of(recorder, DogpileListener.NONE));
        assertSame(DogpileListener.NONE, CompositeListener.of());
        assertThrows(NullPointerException.class, () -> CompositeListener.of(recorder, null));
    }

    @Test
    void snapshots_areImmutable() {
        recorder.onFreshHit("a");
        DogpileStats before = recorder.snapshot("a");
        Map<String, DogpileStats> all = recorder.snapshots();
        recorder.onFreshHit("a");

        assertEquals(1, before.freshHits());
        assertEquals(1, all.get("a").freshHits());
        assertThrows(UnsupportedOperationException.class, () -> recorder.caches().add("x"));
        assertEquals(2, recorder.snapshot("a").freshHits());
    }
}
