package org.dogpile.cdi.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dogpile.engine.stats.StatsRecorder;

/**
 * Publishes a {@link StatsRecorder}'s counters as OpenTelemetry asynchronous instruments (WildFly's
 * MicroProfile Telemetry 2 and OpenTelemetry subsystems): one instrument per meter name of
 * {@link MicrometerMetrics}, measured per cache (attribute {@code cache}, and {@code result} where
 * Micrometer has it) when the SDK collects. Counts and total times are counters (times in
 * {@code ns}), maxima gauges.
 */
public final class OpenTelemetryMetrics implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OpenTelemetryMetrics.class.getName());
    private static final AttributeKey<String> CACHE = AttributeKey.stringKey("cache");

    private final List<AutoCloseable> instruments = new ArrayList<>();

    private OpenTelemetryMetrics() {
    }

    /**
     * Creates the instruments; each reads every cache the recorder knows at collection time.
     *
     * @param recorder the counters
     * @param meter where the instruments go (e.g. {@code openTelemetry.getMeter("org.dogpile")})
     * @return the binding; {@link #close()} removes the instruments
     */
    public static OpenTelemetryMetrics bind(StatsRecorder recorder, Meter meter) {
        Objects.requireNonNull(recorder, "recorder cannot be null");
        Objects.requireNonNull(meter, "meter cannot be null");
        Map<String, List<MeterTable.Meter>> byName = new LinkedHashMap<>();
        for (MeterTable.Meter definition : MeterTable.METERS) {
            byName.computeIfAbsent(definition.name(), n -> new ArrayList<>()).add(definition);
        }
        OpenTelemetryMetrics metrics = new OpenTelemetryMetrics();
        byName.forEach((name, definitions) -> {
            MeterTable.Meter first = definitions.get(0);
            String unit = first.nanoseconds() ? "ns" : "1";
            if (first.type() == MeterTable.Type.MONOTONIC) {
                metrics.instruments.add(meter.counterBuilder(name).setDescription(first.description()).setUnit(unit)
                    .buildWithCallback(measurement -> measure(recorder, definitions, measurement)));
            } else {
                metrics.instruments.add(meter.gaugeBuilder(name).ofLongs().setDescription(first.description())
                    .setUnit(unit).buildWithCallback(measurement -> measure(recorder, definitions, measurement)));
            }
        });
        return metrics;
    }

    private static void measure(StatsRecorder recorder, List<MeterTable.Meter> definitions,
            ObservableLongMeasurement measurement) {
        for (String cache : recorder.caches()) {
            for (MeterTable.Meter definition : definitions) {
                Attributes attributes = definition.tagKey() == null
                    ? Attributes.of(CACHE, cache)
                    : Attributes.of(CACHE, cache, AttributeKey.stringKey(definition.tagKey()), definition.tagValue());
                measurement.record(definition.value().applyAsLong(recorder, cache), attributes);
            }
        }
    }

    /** Removes the instruments. */
    @Override
    public void close() {
        for (AutoCloseable instrument : instruments) {
            try {
                instrument.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "DOGPILE-4005: could not remove an OpenTelemetry instrument", e);
            }
        }
        instruments.clear();
    }
}
