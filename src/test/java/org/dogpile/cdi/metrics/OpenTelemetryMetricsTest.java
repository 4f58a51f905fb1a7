package org.dogpile.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.dogpile.engine.stats.DogpileCounter;
import org.dogpile.engine.stats.StatsRecorder;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry binding, collected by the OpenTelemetry SDK's in-memory reader. */
class OpenTelemetryMetricsTest {

    private static final AttributeKey<String> CACHE = AttributeKey.stringKey("cache");
    private static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");

    private final StatsRecorder recorder = new StatsRecorder();
    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();

    /** @return each metric's points by attributes, from one collection */
    private Map<String, Map<Attributes, Long>> collect() {
        Collection<MetricData> metrics = reader.collectAllMetrics();
        return metrics.stream().collect(Collectors.toMap(MetricData::getName, metric -> {
            Collection<? extends LongPointData> points = metric.getType().name().contains("SUM")
                ? metric.getLongSumData().getPoints() : metric.getLongGaugeData().getPoints();
            return points.stream().collect(Collectors.toMap(LongPointData::getAttributes, LongPointData::getValue));
        }));
    }

    @Test
    void bind_cacheEvents_instrumentsReportEveryCache() {
        try (OpenTelemetryMetrics metrics = OpenTelemetryMetrics.bind(recorder, provider.get("org.dogpile"))) {
            recorder.onFreshHit("prices");
            recorder.onStaleHit("prices");
            recorder.onMissWaited("prices", 3_000);
            recorder.onRegeneration("prices", 70_000, null, false);
            recorder.onStoreFailure("stock", new IllegalStateException("timeout"), true);

            Map<String, Map<Attributes, Long>> collected = collect();
            assertEquals(2L, collected.get("cache.gets").get(Attributes.of(CACHE, "prices", RESULT, "hit")));
            assertEquals(2L, collected.get("cache.gets").get(Attributes.of(CACHE, "prices", RESULT, "miss")));
            assertEquals(0L, collected.get("cache.gets").get(Attributes.of(CACHE, "stock", RESULT, "hit")));
            assertEquals(1L, collected.get("cache.puts").get(Attributes.of(CACHE, "prices")));
            assertEquals(70_000L, collected.get("cache.load.duration").get(Attributes.of(CACHE, "prices")));
            assertEquals(70_000L, collected.get("dogpile.regeneration.max").get(Attributes.of(CACHE, "prices")));
            assertEquals(1L, collected.get("dogpile.store.failures.fail.open").get(Attributes.of(CACHE, "stock")));
            for (DogpileCounter counter : DogpileCounter.values()) {
                assertEquals(recorder.value("prices", counter),
                    collected.get("dogpile." + counter.metricName()).get(Attributes.of(CACHE, "prices")), counter.name());
            }

            recorder.onFreshHit("prices");
            assertEquals(3L, collect().get("cache.gets").get(Attributes.of(CACHE, "prices", RESULT, "hit")),
                "read again at every collection");
        }
        assertTrue(collect().isEmpty(), "closed instruments report nothing");
        provider.close();
    }
}
