package org.dogpile.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DogpileStatsTest {

    private static DogpileStats stats(long freshHits, long regenerations, long regenerationNanos, long maxNanos) {
        long[] values = new long[DogpileCounter.values().length];
        values[DogpileCounter.FRESH_HITS.ordinal()] = freshHits;
        values[DogpileCounter.REGENERATIONS.ordinal()] = regenerations;
        values[DogpileCounter.REGENERATION_NANOS.ordinal()] = regenerationNanos;
        values[DogpileCounter.REGENERATION_MAX_NANOS.ordinal()] = maxNanos;
        return DogpileStats.of(values);
    }

    @Test
    void plus_countsAddAndMaximaTakeTheLarger() {
        DogpileStats sum = stats(3, 1, 100, 100).plus(stats(4, 2, 50, 30));
        assertEquals(7, sum.freshHits());
        assertEquals(3, sum.regenerations());
        assertEquals(Duration.ofNanos(150), sum.totalRegenerationTime());
        assertEquals(Duration.ofNanos(100), sum.maxRegenerationTime());
    }

    @Test
    void plus_nearLongMax_saturates() {
        assertEquals(Long.MAX_VALUE, stats(Long.MAX_VALUE - 1, 0, 0, 0).plus(stats(5, 0, 0, 0)).freshHits());
    }

    @Test
    void minus_countsSubtractNeverBelowZeroAndMaximaStayThisSnapshots() {
        DogpileStats later = stats(10, 3, 300, 200);
        DogpileStats delta = later.minus(stats(4, 1, 100, 150));
        assertEquals(6, delta.freshHits());
        assertEquals(2, delta.regenerations());
        assertEquals(Duration.ofNanos(200), delta.totalRegenerationTime());
        assertEquals(Duration.ofNanos(200), delta.maxRegenerationTime());
        assertEquals(0, stats(1, 0, 0, 0).minus(stats(5, 0, 0, 0)).freshHits());
        assertEquals(stats(0, 0, 0, 200), later.minus(later));
    }

    @Test
    void derived_hitMissAndRate() {
        long[] values = new long[DogpileCounter.values().length];
        values[DogpileCounter.FRESH_HITS.ordinal()] = 6;
        values[DogpileCounter.STALE_HITS.ordinal()] = 2;
        values[DogpileCounter.MISSES_WAITED.ordinal()] = 1;
        values[DogpileCounter.REGENERATIONS.ordinal()] = 2;
        values[DogpileCounter.BACKGROUND_REGENERATIONS.ordinal()] = 1;
        DogpileStats stats = DogpileStats.of(values);
        assertEquals(8, stats.hitCount());
        assertEquals(2, stats.missCount(), "one waited, one foreground regeneration; the background one is no miss");
        assertEquals(0.8, stats.hitRate(), 1e-9);
        assertEquals(1.0, DogpileStats.empty().hitRate());
        assertEquals("DogpileStats{fresh.hits=6, stale.hits=2, misses.waited=1, regenerations=2, regenerations.background=1}",
            stats.toString());
    }

    @Test
    void of_wrongCountOrNegative_rejectedNamingTheValue() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> DogpileStats.of(1, 2));
        assertEquals("dogpile stats need " + DogpileCounter.values().length + " values, got 2", count.getMessage());
        long[] values = new long[DogpileCounter.values().length];
        values[DogpileCounter.STALE_HITS.ordinal()] = -1;
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> DogpileStats.of(values));
        assertEquals("STALE_HITS cannot be negative: -1", negative.getMessage());
    }
}
