package org.dogpile.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smallrye.metrics.SharedMetricRegistries;
import org.dogpile.engine.stats.DogpileCounter;
import org.dogpile.engine.stats.StatsRecorder;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The MicroProfile Metrics 5 binding, on SmallRye Metrics 5.1 (an MP Metrics 5.1 implementation). */
class MicroProfileMetricsTest {

    private final StatsRecorder recorder = new StatsRecorder();
    private final MetricRegistry registry = SharedMetricRegistries.getOrCreate(MetricRegistry.APPLICATION_SCOPE);

    @AfterEach
    void dropRegistry() {
        SharedMetricRegistries.dropAll();
    }

    private Number gauge(String name, String cache, Tag... more) {
        Tag[] tags = new Tag[more.length + 1];
        tags[0] = new Tag("cache", cache);
        System.arraycopy(more, 0, tags, 1, more.length);
        Gauge<?> gauge = registry.getGauge(new MetricID(name, tags));
        return gauge == null ? null : gauge.getValue();
    }

    @Test
    void bind_cacheEvents_gaugesFollowTheCounters() {
        recorder.register("prices");
        try (MicroProfileMetrics metrics = MicroProfileMetrics.bind(recorder, registry)) {
            assertEquals(0L, gauge("cache.gets", "prices", new Tag("result", "hit")).longValue());
            recorder.onFreshHit("prices");
            recorder.onStaleHit("prices");
            recorder.onMissWaited("prices", 5_000);
            recorder.onRegeneration("prices", 40_000, null, false);
            recorder.onRegeneration("prices", 10_000, new IllegalStateException("down"), false);
            recorder.onStaleIfError("prices");
            recorder.onLeaseLost("stock"); // a new cache

            assertEquals(2L, gauge("cache.gets", "prices", new Tag("result", "hit")).longValue());
            assertEquals(3L, gauge("cache.gets", "prices", new Tag("result", "miss")).longValue());
            assertEquals(1L, gauge("cache.puts", "prices").longValue());
            assertEquals(1L, gauge("cache.load", "prices", new Tag("result", "failure")).longValue());
            assertEquals(50_000L, gauge("cache.load.duration", "prices").longValue());
            assertEquals(40_000L, gauge("dogpile.regeneration.max", "prices").longValue());
            assertEquals(1L, gauge("dogpile.stale.if.error", "prices").longValue());
            assertEquals(1L, gauge("dogpile.leases.lost", "stock").longValue());
            for (DogpileCounter counter : DogpileCounter.values()) {
                assertEquals(recorder.value("prices", counter), gauge("dogpile." + counter.metricName(), "prices").longValue(),
                    counter.name());
            }
            assertEquals(MetricUnits.NANOSECONDS, registry.getMetadata("dogpile.miss.wait.total").getUnit());
        }
        assertNull(gauge("cache.gets", "prices", new Tag("result", "hit")), "closing removes the gauges");
        assertNull(gauge("dogpile.leases.lost", "stock"));
    }
}
