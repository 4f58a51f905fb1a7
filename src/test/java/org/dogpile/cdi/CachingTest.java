package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.testing.Deployments;
import org.dogpile.cdi.app.CatalogService;
import org.dogpile.cdi.app.KeyedService;
import org.dogpile.testing.ManualClock;
import org.dogpile.cdi.app.PriceService;
import org.dogpile.store.CacheEntry;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Behaviour of @Dogpile methods in a synthetic archive, on the manual clock. */
@EnableWeld
class CachingTest {

    @WeldSetup
    WeldInitiator weld = Deployments.synthetic(PriceService.class, CatalogService.class, KeyedService.class);

    @Inject
    PriceService prices;
    @Inject
    CatalogService catalog;
    @Inject
    KeyedService keyed;
    @Inject
    ManualClock clock;
    @Inject
    DogpileCaches caches;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        prices.gate().open();
        threads.shutdownNow();
    }

    @Test
    void prices_freshValue_methodRunsOnce() {
        assertEquals("EU#1", prices.prices("EU"));
        assertEquals("EU#1", prices.prices("EU"));
        assertEquals("US#2", prices.prices("US"));
        assertEquals(2, prices.gate().runs());
    }

    @Test
    void prices_expired_regeneratedOnce() {
        prices.prices("EU");
        clock.advance(Duration.ofSeconds(31));
        assertEquals("EU#2", prices.prices("EU"));
        assertEquals("EU#2", prices.prices("EU"));
        assertEquals(2, prices.gate().runs());
    }

    @Test
    void prices_manyCallersOnMissingValue_methodRunsOnceAndAllGetItsValue() throws Exception {
        int callers = 16;
        prices.gate().close();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(threads.submit(() -> {
                start.await();
                return prices.prices("EU");
            }));
        }
        start.countDown();
        prices.gate().awaitEntered();
        prices.gate().open();
        for (Future<String> result : results) {
            assertEquals("EU#1", result.get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, prices.gate().runs());
    }

    @Test
    void prices_staleWhileMethodBlocked_otherCallersGetStaleValue() throws Exception {
        assertEquals("EU#1", prices.prices("EU"));
        clock.advance(Duration.ofSeconds(31));
        prices.gate().close();
        Future<String> regenerating = threads.submit(() -> prices.prices("EU"));
        prices.gate().awaitEntered();
        for (int i = 0; i < 8; i++) {
            assertEquals("EU#1", threads.submit(() -> prices.prices("EU")).get(30, TimeUnit.SECONDS));
        }
        assertFalse(regenerating.isDone());
        prices.gate().open();
        assertEquals("EU#2", regenerating.get(30, TimeUnit.SECONDS));
        assertEquals("EU#2", prices.prices("EU"));
        assertEquals(2, prices.gate().runs());
    }

    @Test
    void prices_methodThrows_exceptionUnchangedAndNothingCached() {
        IllegalStateException failure = new IllegalStateException("backend down");
        prices.failNextRun(failure);
        assertSame(failure, assertThrows(IllegalStateException.class, () -> prices.prices("EU")));
        assertEquals("EU#2", prices.prices("EU"));
    }

    @Test
    void staleIfError_regenerationFails_staleValueServed() {
        assertEquals("a#1", prices.staleIfError("a"));
        clock.advance(Duration.ofSeconds(11));
        prices.failNextRun(new IllegalStateException("backend down"));
        assertEquals("a#1", prices.staleIfError("a"));
        assertEquals("a#3", prices.staleIfError("a"));
    }

    @Test
    void background_stale_callerGetsStaleAndMethodRunsOnExecutor() throws Exception {
        assertEquals("b#1", prices.background("b"));
        clock.advance(Duration.ofSeconds(11));
        prices.gate().close();
        assertEquals("b#1", prices.background("b"));
        prices.gate().awaitEntered();
        prices.gate().open();
        awaitValue("background", "b", "b#2");
        assertEquals("b#2", prices.background("b"));
    }

    @Test
    void backgroundStage_stale_completedStaleStageWhileMethodRunsOnExecutor() throws Exception {
        assertEquals("c#1", prices.backgroundStage("c").toCompletableFuture().get(30, TimeUnit.SECONDS));
        clock.advance(Duration.ofSeconds(11));
        prices.gate().close();
        CompletableFuture<String> stale = prices.backgroundStage("c").toCompletableFuture();
        assertTrue(stale.isDone());
        assertEquals("c#1", stale.get());
        prices.gate().awaitEntered();
        prices.gate().open();
        awaitValue("backgroundStage", "c", "c#2");
        assertEquals("c#2", prices.backgroundStage("c").toCompletableFuture().get());
    }

    @Test
    void caches_wrongArgumentCount_messageNamesMethods() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> caches.keyOf("prices", "EU", "extra"));
        assertTrue(thrown.getMessage().contains("cache 'prices' has no method with 2 parameters: "
            + "org.dogpile.cdi.app.PriceService#prices(java.lang.String)"), thrown.getMessage());
    }

    /** Background regenerations store after the method returned: waits for that condition. */
    private void awaitValue(String cache, String key, Object expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!caches.peek(cache, key).map(CacheEntry::value).filter(expected::equals).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("cache '" + cache + "' key " + key + " never held " + expected);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void defaultCacheName_noCacheMember_methodSignature() {
        prices.defaultNamed("x");
        assertTrue(caches.cacheNames().contains("org.dogpile.cdi.app.PriceService#defaultNamed(java.lang.String)"));
        assertEquals("x#1", caches.peek("org.dogpile.cdi.app.PriceService#defaultNamed(java.lang.String)", "x")
            .orElseThrow().value());
    }

    @Test
    void dogpileKey_nonKeyParameterDiffers_valueShared() {
        assertEquals("EUR#1/1", prices.quote("EUR", 1));
        assertEquals("EUR#1/1", prices.quote("EUR", 2));
        assertEquals("USD#2/3", prices.quote("USD", 3));
    }

    @Test
    void keyGenerator_equalKeysForDifferentArguments_valueShared() {
        assertEquals("Ada#1", keyed.lookup("Ada", new Object()));
        assertEquals("Ada#1", keyed.lookup("ADA", new Object()));
        assertEquals("ada", caches.keyOf("caseInsensitive", "aDa", null));
    }

    @Test
    void optional_presentAndEmpty_storedUnwrappedAndRewrapped() {
        assertEquals(Optional.of("a#1"), prices.find("a"));
        assertEquals(Optional.of("a#1"), prices.find("a"));
        assertEquals(Optional.empty(), prices.find("none"));
        assertEquals(Optional.empty(), prices.find("none"));
        assertEquals(2, prices.gate().runs());
        assertEquals("a#1", caches.peek("optional", "a").orElseThrow().value());
        assertEquals(null, caches.peek("optional", "none").orElseThrow().value());
    }

    @Test
    void nullResult_cacheNullTrue_cachedAsMarker() {
        assertEquals(null, prices.nullable("n"));
        assertEquals(null, prices.nullable("n"));
        assertEquals(1, prices.gate().runs());
        assertTrue(caches.peek("nullable", "n").isPresent());
    }

    @Test
    void nullResult_cacheNullFalse_methodRunsAgain() {
        assertEquals(null, prices.nullNotCached("n"));
        assertEquals(null, prices.nullNotCached("n"));
        assertEquals(2, prices.gate().runs());
        assertFalse(caches.peek("nullNotCached", "n").isPresent());
    }

    @Test
    void stage_completes_completedValueCached() throws Exception {
        assertEquals("s#1", prices.stage("s").toCompletableFuture().get(30, TimeUnit.SECONDS));
        CompletableFuture<String> second = prices.stage("s").toCompletableFuture();
        assertTrue(second.isDone());
        assertEquals("s#1", second.get());
        assertEquals("s#1", caches.peek("stage", "s").orElseThrow().value());
        assertEquals(1, prices.gate().runs());
    }

    @Test
    void stage_completesLater_valueCachedAndLockHeldMeanwhile() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        prices.returnStage(pending);
        Future<CompletableFuture<String>> first = threads.submit(() -> prices.stage("s").toCompletableFuture());
        prices.gate().awaitEntered();
        Future<CompletableFuture<String>> second = threads.submit(() -> prices.stage("s").toCompletableFuture());
        pending.complete("late");
        assertEquals("late", first.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS));
        assertEquals("late", second.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS));
        assertEquals(1, prices.gate().runs());
        assertEquals("late", caches.peek("stage", "s").orElseThrow().value());
    }

    @Test
    void stage_fails_failureReachesCallerAndNothingCached() throws Exception {
        IllegalStateException failure = new IllegalStateException("async backend down");
        prices.returnStage(CompletableFuture.failedFuture(failure));
        CompletableFuture<String> failed = prices.stage("s").toCompletableFuture();
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> failed.get(30, TimeUnit.SECONDS));
        assertSame(failure, thrown.getCause());
        assertFalse(caches.peek("stage", "s").isPresent());
        assertEquals("s#2", prices.stage("s").toCompletableFuture().get(30, TimeUnit.SECONDS));
    }

    @Test
    void stage_outlivesLease_callerGetsTheRunningStageUncached() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        prices.returnStage(pending);
        CompletableFuture<String> returned = prices.slowStage("s");
        assertFalse(returned.isDone());
        pending.complete("eventually");
        assertEquals("eventually", returned.get(30, TimeUnit.SECONDS));
        assertFalse(caches.peek("shortLease", "s").isPresent());
    }

    @Test
    void stageOfOptional_presentAndEmpty_storedUnwrapped() throws Exception {
        assertEquals(Optional.of("a#1"), prices.stageOfOptional("a").get(30, TimeUnit.SECONDS));
        assertEquals(Optional.of("a#1"), prices.stageOfOptional("a").get(30, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), prices.stageOfOptional("none").get(30, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), prices.stageOfOptional("none").get(30, TimeUnit.SECONDS));
        assertEquals("a#1", caches.peek("stageOfOptional", "a").orElseThrow().value());
        assertEquals(2, prices.gate().runs());
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

    @Test
    void classLevel_everyMethodWithResult_cachedVoidPassesThrough() {
        assertEquals("item1#1", catalog.item(1));
        assertEquals("item1#1", catalog.item(1));
        assertEquals(2, catalog.count());
        assertEquals(2, catalog.count());
        catalog.touch();
        catalog.touch();
        assertEquals(2, catalog.voidRuns());
        assertTrue(caches.cacheNames().contains("org.dogpile.cdi.app.CatalogService#item(int)"));
        assertTrue(caches.cacheNames().contains("catalog.count"));
        clock.advance(Duration.ofSeconds(11));
        assertEquals("item1#3", catalog.item(1));
        assertEquals(2, catalog.count()); // its own expireAfter of 100 s
    }

    @Test
    void stage_callerJoinsLater_noBlockingOnFreshHit() {
        prices.stage("t").toCompletableFuture().join();
        CompletableFuture<String> hit = prices.stage("t").toCompletableFuture();
        assertTrue(hit.isDone());
        assertEquals("t#1", hit.join());
    }
}
