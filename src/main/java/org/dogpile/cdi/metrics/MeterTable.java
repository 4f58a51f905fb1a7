package org.dogpile.cdi.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongBiFunction;
import org.dogpile.engine.stats.DogpileCounter;
import org.dogpile.engine.stats.StatsRecorder;

/**
 * The flat list of meters that the exporters without function timers publish (MicroProfile
 * Metrics, OpenTelemetry): the same names and tags as {@link MicrometerMetrics}, every one a
 * number per cache read from the {@link StatsRecorder} when scraped.
 */
final class MeterTable {

    /** How a meter's number behaves. */
    enum Type {
        /** Only grows: a count, or a total in nanoseconds. */
        MONOTONIC,
        /** A high-water mark in nanoseconds. */
        MAXIMUM
    }

    /**
     * One meter per cache.
     *
     * @param name the meter name
     * @param tagKey an extra tag's key ({@code result}), or {@code null}
     * @param tagValue that tag's value
     * @param description what it counts
     * @param nanoseconds whether the number is a time in nanoseconds (else a count)
     * @param type how it behaves
     * @param value reads it: (recorder, cache) to number
     */
    record Meter(String name, String tagKey, String tagValue, String description, boolean nanoseconds, Type type,
            ToLongBiFunction<StatsRecorder, String> value) { }

    /** The description of {@code cache.gets}, both results (registries want one per name). */
    static final String GETS = "callers by result: hit = a fresh, stale or local value; miss = they waited, timed out or regenerated";
    /** The description of {@code cache.load}, both results. */
    static final String LOADS = "regenerations by result: success = the method returned a value; failure = it threw";

    static final List<Meter> METERS = build();

    private MeterTable() {
    }

    private static List<Meter> build() {
        List<Meter> meters = new ArrayList<>();
        meters.add(new Meter("cache.gets", "result", "hit", GETS,
            false, Type.MONOTONIC, (s, cache) -> s.snapshot(cache).hitCount()));
        meters.add(new Meter("cache.gets", "result", "miss", GETS,
            false, Type.MONOTONIC, (s, cache) -> s.snapshot(cache).missCount()));
        meters.add(new Meter("cache.puts", null, null, "regenerations whose value was stored", false, Type.MONOTONIC,
            (s, cache) -> Math.max(0, s.value(cache, DogpileCounter.REGENERATIONS) - s.value(cache, DogpileCounter.WRITES_REFUSED))));
        meters.add(new Meter("cache.load", "result", "success", LOADS, false,
            Type.MONOTONIC, (s, cache) -> s.value(cache, DogpileCounter.REGENERATIONS)));
        meters.add(new Meter("cache.load", "result", "failure", LOADS, false,
            Type.MONOTONIC, (s, cache) -> s.value(cache, DogpileCounter.REGENERATIONS_FAILED)));
        meters.add(new Meter("cache.load.duration", null, null, "the time the method ran in regenerations", true,
            Type.MONOTONIC, (s, cache) -> s.value(cache, DogpileCounter.REGENERATION_NANOS)));
        for (DogpileCounter counter : DogpileCounter.values()) {
            boolean nanos = counter.kind() != DogpileCounter.Kind.COUNT;
            Type type = counter.kind() == DogpileCounter.Kind.NANOS_MAX ? Type.MAXIMUM : Type.MONOTONIC;
            meters.add(new Meter("dogpile." + counter.metricName(), null, null, counter.description(), nanos, type,
                (s, cache) -> s.value(cache, counter)));
        }
        return List.copyOf(meters);
    }
}
