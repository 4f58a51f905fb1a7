package org.dogpile.cdi.classlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Duration;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.testing.Deployments;
import org.dogpile.testing.DogpileWeldTest;
import org.dogpile.testing.ManualClock;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/** @Dogpile on a class: every method with a result is cached, void methods pass through. */
@DogpileWeldTest
class ClassLevelTest {

    @WeldSetup
    WeldInitiator weld = Deployments.synthetic(CatalogService.class);

    @Inject
    CatalogService catalog;
    @Inject
    ManualClock clock;
    @Inject
    DogpileCaches caches;

    @Test
    void classLevel_everyMethodWithResult_cachedVoidPassesThrough() {
        assertEquals("item1#1", catalog.item(1));
        assertEquals("item1#1", catalog.item(1));
        assertEquals(2, catalog.count());
        assertEquals(2, catalog.count());
        catalog.touch();
        catalog.touch();
        assertEquals(2, catalog.voidRuns());
        assertTrue(caches.cacheNames().contains("org.dogpile.cdi.classlevel.CatalogService#item(int)"));
        assertTrue(caches.cacheNames().contains("catalog.count"));
        clock.advance(Duration.ofSeconds(11));
        assertEquals("item1#3", catalog.item(1));
        assertEquals(2, catalog.count()); // its own expireAfter of 100 s
    }
}
