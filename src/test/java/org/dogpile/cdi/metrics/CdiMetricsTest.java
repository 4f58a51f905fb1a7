package org.dogpile.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.cdi.DogpileExtension;
import org.dogpile.cdi.app.ManualClock;
import org.dogpile.cdi.app.PriceService;
import org.dogpile.cdi.app.TestStore;
import org.dogpile.cdi.metrics.app.Registries;
import org.dogpile.engine.stats.DogpileStats;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;
import org.junit.jupiter.api.Test;

/** The CDI layer publishes its counters to the application's MeterRegistry bean and through DogpileCaches. */
class CdiMetricsTest {

    private static Weld weld() {
        return WeldInitiator.createWeld()
            .addExtension(new DogpileExtension())
            .addBeanClasses(ManualClock.class, TestStore.class, PriceService.class, Registries.class);
    }

    @Test
    void applicationRegistryBean_declaredCaches_metersFromTheStartAndRemovedAtShutdown() {
        SimpleMeterRegistry registry;
        try (WeldContainer container = weld().initialize()) {
            registry = container.select(Registries.class).get().simple();
            PriceService prices = container.select(PriceService.class).get();
            DogpileCaches caches = container.select(DogpileCaches.class).get();

            assertEquals("EU#1", prices.prices("EU"));
            for (String cache : caches.cacheNames()) {
                assertNotNull(registry.find("cache.gets").tag("cache", cache).tag("result", "hit").functionCounter(), cache);
                assertNotNull(registry.find("dogpile.stale.hits").tag("cache", cache).functionCounter(), cache);
            }
            DogpileStats stats = caches.stats("prices");
            assertEquals(registry.get("cache.gets").tag("cache", "prices").tag("result", "hit").functionCounter().count(),
                stats.hitCount(), 0.0);
            assertEquals(DogpileStats.empty(), caches.stats("no such cache"));
        }
        assertNull(registry.find("cache.gets").meter(), "meters removed with the application");
    }
}
