package org.dogpile.cdi.invalidation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.testing.Deployments;
import org.dogpile.testing.DogpileWeldTest;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Invalidation by annotation and through DogpileCaches: hard, soft, whole caches, refresh. */
@DogpileWeldTest
class InvalidationTest {

    @WeldSetup
    WeldInitiator weld = Deployments.synthetic(PriceCatalog.class);

    @Inject
    PriceCatalog prices;
    @Inject
    DogpileCaches caches;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        prices.gate().open();
        threads.shutdownNow();
    }

    @Test
    void invalidate_hard_nextCallRunsMethod() {
        assertEquals("EU#1", prices.prices("EU"));
        prices.updatePrices("EU", "new list");
        assertFalse(caches.peek("prices", "EU").isPresent());
        assertEquals("EU#2", prices.prices("EU"));
    }

    @Test
    void invalidate_soft_staleServedWhileOneCallerRegenerates() throws Exception {
        assertEquals("EU#1", prices.prices("EU"));
        prices.touchPrices("EU");
        assertTrue(caches.peek("prices", "EU").orElseThrow().invalidated());
        prices.gate().close();
        Future<String> regenerating = threads.submit(() -> prices.prices("EU"));
        prices.gate().awaitEntered();
        assertEquals("EU#1", prices.prices("EU"));
        prices.gate().open();
        assertEquals("EU#2", regenerating.get(30, TimeUnit.SECONDS));
    }

    @Test
    void invalidateAll_stageResult_cachesClearedAfterCompletion() throws Exception {
        prices.prices("EU");
        prices.find("a");
        assertEquals("reloaded", prices.reloadAll().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertFalse(caches.peek("prices", "EU").isPresent());
        assertFalse(caches.peek("optional", "a").isPresent());
    }

    @Test
    void invalidateAll_methodThrows_nothingInvalidated() {
        prices.prices("EU");
        assertThrows(IllegalStateException.class, () -> prices.failingReload());
        assertTrue(caches.peek("prices", "EU").isPresent());
    }

    @Test
    void caches_programmaticInvalidation_hardSoftAndAll() {
        prices.prices("EU");
        prices.prices("US");
        assertTrue(caches.invalidateSoftly("prices", "EU"));
        assertTrue(caches.peek("prices", "EU").orElseThrow().invalidated());
        caches.invalidate("prices", "EU");
        assertFalse(caches.peek("prices", "EU").isPresent());
        caches.invalidateAllSoftly("prices");
        assertTrue(caches.peek("prices", "US").orElseThrow().invalidated());
        caches.invalidateAll("prices");
        assertFalse(caches.peek("prices", "US").isPresent());
    }

    @Test
    void caches_refresh_methodRunsNowAndValueReplaced() {
        assertEquals("EU#1", prices.prices("EU"));
        assertEquals("EU#2", caches.refresh("prices", "EU"));
        assertEquals("EU#2", prices.prices("EU"));
    }

    @Test
    void caches_unknownCache_messageNamesCache() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> caches.invalidate("nope", "x"));
        assertTrue(thrown.getMessage().contains("unknown cache 'nope'"), thrown.getMessage());
    }
}
