package org.dogpile.cdi.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

/** Return types: Optional, null, CompletionStage and a stage of Optional. */
@DogpileWeldTest
class ResultsTest {

    @WeldSetup
    WeldInitiator weld = Deployments.synthetic(ResultService.class);

    @Inject
    ResultService service;
    @Inject
    DogpileCaches caches;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        service.gate().open();
        threads.shutdownNow();
    }

    @Test
    void optional_presentAndEmpty_storedUnwrappedAndRewrapped() {
        assertEquals(Optional.of("a#1"), service.find("a"));
        assertEquals(Optional.of("a#1"), service.find("a"));
        assertEquals(Optional.empty(), service.find("none"));
        assertEquals(Optional.empty(), service.find("none"));
        assertEquals(2, service.gate().runs());
        assertEquals("a#1", caches.peek("optional", "a").orElseThrow().value());
        assertEquals(null, caches.peek("optional", "none").orElseThrow().value());
    }

    @Test
    void nullResult_cacheNullTrue_cachedAsMarker() {
        assertEquals(null, service.nullable("n"));
        assertEquals(null, service.nullable("n"));
        assertEquals(1, service.gate().runs());
        assertTrue(caches.peek("nullable", "n").isPresent());
    }

    @Test
    void nullResult_cacheNullFalse_methodRunsAgain() {
        assertEquals(null, service.nullNotCached("n"));
        assertEquals(null, service.nullNotCached("n"));
        assertEquals(2, service.gate().runs());
        assertFalse(caches.peek("nullNotCached", "n").isPresent());
    }

    @Test
    void stage_completes_completedValueCached() throws Exception {
        assertEquals("s#1", service.stage("s").toCompletableFuture().get(30, TimeUnit.SECONDS));
        CompletableFuture<String> second = service.stage("s").toCompletableFuture();
        assertTrue(second.isDone());
        assertEquals("s#1", second.get());
        assertEquals("s#1", caches.peek("stage", "s").orElseThrow().value());
        assertEquals(1, service.gate().runs());
    }

    @Test
    void stage_completesLater_valueCachedAndLockHeldMeanwhile() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        service.returnStage(pending);
        Future<CompletableFuture<String>> first = threads.submit(() -> service.stage("s").toCompletableFuture());
        service.gate().awaitEntered();
        Future<CompletableFuture<String>> second = threads.submit(() -> service.stage("s").toCompletableFuture());
        pending.complete("late");
        assertEquals("late", first.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS));
        assertEquals("late", second.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS));
        assertEquals(1, service.gate().runs());
        assertEquals("late", caches.peek("stage", "s").orElseThrow().value());
    }

    @Test
    void stage_fails_failureReachesCallerAndNothingCached() throws Exception {
        IllegalStateException failure = new IllegalStateException("async backend down");
        service.returnStage(CompletableFuture.failedFuture(failure));
        CompletableFuture<String> failed = service.stage("s").toCompletableFuture();
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> failed.get(30, TimeUnit.SECONDS));
        assertSame(failure, thrown.getCause());
        assertFalse(caches.peek("stage", "s").isPresent());
        assertEquals("s#2", service.stage("s").toCompletableFuture().get(30, TimeUnit.SECONDS));
    }

    @Test
    void stage_outlivesLease_callerGetsTheRunningStageUncached() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        service.returnStage(pending);
        CompletableFuture<String> returned = service.slowStage("s");
        assertFalse(returned.isDone());
        pending.complete("eventually");
        assertEquals("eventually", returned.get(30, TimeUnit.SECONDS));
        assertFalse(caches.peek("shortLease", "s").isPresent());
    }

    @Test
    void stageOfOptional_presentAndEmpty_storedUnwrapped() throws Exception {
        assertEquals(Optional.of("a#1"), service.stageOfOptional("a").get(30, TimeUnit.SECONDS));
        assertEquals(Optional.of("a#1"), service.stageOfOptional("a").get(30, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), service.stageOfOptional("none").get(30, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), service.stageOfOptional("none").get(30, TimeUnit.SECONDS));
        assertEquals("a#1", caches.peek("stageOfOptional", "a").orElseThrow().value());
        assertEquals(2, service.gate().runs());
    }

    @Test
    void stage_callerJoinsLater_noBlockingOnFreshHit() {
        service.stage("t").toCompletableFuture().join();
        CompletableFuture<String> hit = service.stage("t").toCompletableFuture();
        assertTrue(hit.isDone());
        assertEquals("t#1", hit.join());
    }
}
