package org.dogpile.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.smallrye.metrics.SharedMetricRegistries;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.cdi.app.PriceService;
import org.dogpile.cdi.metrics.app.MpRegistries;
import org.dogpile.cdi.metrics.app.Registries;
import org.dogpile.cdi.metrics.app.Telemetry;
import org.dogpile.engine.stats.DogpileStats;
import org.dogpile.testing.Deployments;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The CDI layer publishes its counters to the application's MeterRegistry bean and through DogpileCaches. */
class CdiMetricsTest {

    private static Weld weld(Class<?> registries) {
        return Deployments.syntheticWeld(PriceService.class, registries);
    }

    @Test
    void applicationRegistryBean_declaredCaches_metersFromTheStartAndRemovedAtShutdown() {
        SimpleMeterRegistry registry;
        try (WeldContainer container = weld(Registries.class).initialize()) {
            registry = container.select(Registries.class).get().simple();
            PriceService prices = container.select(PriceService.class).get();
            DogpileCaches caches = container.select(DogpileCaches.class).get();

            assertEquals("EU#1", prices.prices("EU"));
            for (String cache : caches.cacheNames()) {
                assertNotNull(registry.find("cache.gets").tag("cache", cache).tag("result", "hit").functionCounter(), cache);
                assertNotNull(registry.find("dogpile.stale.hits").tag("cache", cache).functionCounter(), cache);
            }
            assertEquals("EU#1", prices.prices("EU"));
            assertEquals("EU#1", prices.prices("EU"));
            caches.invalidate("prices", "EU");

            DogpileStats stats = caches.stats("prices");
            assertEquals(1, stats.regenerations(), "the first call ran the method");
            assertEquals(2, stats.freshHits());
            assertEquals(1, stats.hardInvalidations());
            assertEquals(2, registry.get("cache.gets").tag("cache", "prices").tag("result", "hit").functionCounter().count());
            assertEquals(1, registry.get("cache.gets").tag("cache", "prices").tag("result", "miss").functionCounter().count());
            assertEquals(1, registry.get("cache.puts").tag("cache", "prices").functionCounter().count());
            assertEquals(1, registry.get("dogpile.regeneration").tag("cache", "prices").functionTimer().count());
            assertEquals(1, registry.get("dogpile.invalidations.hard").tag("cache", "prices").functionCounter().count());
            assertEquals(DogpileStats.empty(), caches.stats("no such cache"));
        }
        assertNull(registry.find("cache.gets").meter(), "meters removed with the application");
    }

    @Test
    void microProfileRegistryBeanOnly_declaredCaches_gaugesInTheApplicationRegistry() {
        MetricRegistry registry = SharedMetricRegistries.getOrCreate(MetricRegistry.APPLICATION_SCOPE);
        try (WeldContainer container = weld(MpRegistries.class).initialize()) {
            PriceService prices = container.select(PriceService.class).get();
            DogpileCaches caches = container.select(DogpileCaches.class).get();
            assertEquals("EU#1", prices.prices("EU"));

            Gauge<?> hits = registry.getGauge(new MetricID("cache.gets", new Tag("cache", "prices"), new Tag("result", "hit")));
            assertNotNull(hits, "gauges of the declared caches from the start");
            assertEquals(caches.stats("prices").hitCount(), hits.getValue().longValue());
            // SmallRye Metrics keeps its gauges in Micrometer's global registry; ours would be function counters
            assertNull(Metrics.globalRegistry.find("cache.gets").tag("cache", "prices").functionCounter(),
                "one exporter: the server's registry, not also Micrometer's global one");
        } finally {
            SharedMetricRegistries.dropAll();
        }
        assertNull(registry.getGauge(new MetricID("cache.gets", new Tag("cache", "prices"), new Tag("result", "hit"))));
    }

    @Test
    void openTelemetryBeanOnly_declaredCaches_instrumentsCollected() {
        try (WeldContainer container = weld(Telemetry.class).initialize()) {
            PriceService prices = container.select(PriceService.class).get();
            assertEquals("EU#1", prices.prices("EU"));
            InMemoryMetricReader reader = container.select(Telemetry.class).get().reader();

            MetricData gets = reader.collectAllMetrics().stream().filter(m -> m.getName().equals("cache.gets"))
                .findFirst().orElseThrow(() -> new AssertionError("no cache.gets instrument"));
            assertEquals("org.dogpile", gets.getInstrumentationScopeInfo().getName());
            assertTrue(gets.getLongSumData().getPoints().stream()
                .anyMatch(p -> "prices".equals(p.getAttributes().get(AttributeKey.stringKey("cache")))));
        }
    }
}
