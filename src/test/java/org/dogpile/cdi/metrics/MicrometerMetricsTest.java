package org.dogpile.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dogpile.engine.stats.DogpileCounter;
import org.dogpile.engine.stats.StatsRecorder;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {

    private final StatsRecorder recorder = new StatsRecorder();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double counter(String name, String cache, String... tags) {
        return registry.get(name).tag("cache", cache).tags(tags).functionCounter().count();
    }

    @Test
    void bind_cacheEvents_cacheConventionMetersMove() {
        recorder.onFreshHit("prices"); // a cache known before binding
        try (MicrometerMetrics metrics = MicrometerMetrics.bind(recorder, registry, List.of(Tag.of("app", "shop")))) {
            assertEquals(1, counter("cache.gets", "prices", "result", "hit"));
            recorder.onStaleHit("prices");
            recorder.onLocalHit("prices");
            recorder.onMissWaited("prices", 2_000_000);
            recorder.onMissWaited("prices", 6_000_000);
            recorder.onRegeneration("prices", 30_000_000, null, false);
            recorder.onRegeneration("prices", 10_000_000, new IllegalStateException("down"), false);
            recorder.onRegeneration("prices", 20_000_000, null, true);
            recorder.onWriteRefused("prices");
            recorder.onLockTimeout("prices", true);

            assertEquals(3, counter("cache.gets", "prices", "result", "hit"));
            assertEquals(2 + 1 + 2, counter("cache.gets", "prices", "result", "miss"), "waited + timed out + foreground");
            assertEquals(1, counter("cache.puts", "prices"), "two stored, one refused");
            assertEquals(2, counter("cache.load", "prices", "result", "success"));
            assertEquals(1, counter("cache.load", "prices", "result", "failure"));
            TimeGauge loadTime = registry.get("cache.load.duration").tag("cache", "prices").timeGauge();
            assertEquals(60, loadTime.value(TimeUnit.MILLISECONDS), 1e-9);
            assertEquals("shop", loadTime.getId().getTag("app"));

            FunctionTimer regeneration = registry.get("dogpile.regeneration").tag("cache", "prices").functionTimer();
            assertEquals(3, regeneration.count(), 1e-9);
            assertEquals(60, regeneration.totalTime(TimeUnit.MILLISECONDS), 1e-9);
            assertEquals(30, registry.get("dogpile.regeneration.max").tag("cache", "prices").timeGauge()
                .value(TimeUnit.MILLISECONDS), 1e-9);
            FunctionTimer wait = registry.get("dogpile.miss.wait").tag("cache", "prices").functionTimer();
            assertEquals(2, wait.count(), 1e-9);
            assertEquals(4, wait.mean(TimeUnit.MILLISECONDS), 1e-9);
            assertEquals(6, registry.get("dogpile.miss.wait.max").tag("cache", "prices").timeGauge()
                .value(TimeUnit.MILLISECONDS), 1e-9);
            assertEquals(1, counter("dogpile.stale.hits", "prices"));
            assertEquals(1, counter("dogpile.lock.timeouts.fallback.calls", "prices"));
            for (DogpileCounter c : DogpileCounter.values()) {
                if (c.kind() == DogpileCounter.Kind.COUNT) {
                    assertEquals(recorder.value("prices", c), counter("dogpile." + c.metricName(), "prices"), c.name());
                }
            }

            recorder.onStoreFailure("stock", new IllegalStateException("timeout"), true); // a new cache
            assertEquals(1, counter("dogpile.store.failures.fail.open", "stock"));
            assertEquals(1, counter("dogpile.store.failures", "stock"));
            assertEquals(0, counter("cache.gets", "stock", "result", "hit"));
            assertTrue(metrics.registry() == registry);
        }
        assertNull(registry.find("cache.gets").meter(), "closing removes the meters");
        assertNull(registry.find("dogpile.stale.hits").meter());
        recorder.onFreshHit("late");
        assertNull(registry.find("cache.gets").tag("cache", "late").meter(), "no meters after close");
    }

    @Test
    void bind_twoBindingsOnOneRegistry_meterRegisteredOnceAndReadsTheRecorder() {
        try (MicrometerMetrics first = MicrometerMetrics.bind(recorder, registry, List.of());
             MicrometerMetrics second = MicrometerMetrics.bind(recorder, registry, List.of())) {
            recorder.onFreshHit("prices");
            recorder.onFreshHit("prices");
            assertEquals(2, counter("cache.gets", "prices", "result", "hit"));
            assertEquals(1, registry.find("cache.gets").tag("result", "hit").meters().size());
        }
    }
}
