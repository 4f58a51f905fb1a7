package org.dogpile.cdi.fallbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.store.CacheEntry;
import org.dogpile.testing.Deployments;
import org.dogpile.testing.DogpileWeldTest;
import org.dogpile.testing.ManualClock;
import org.dogpile.testing.Poll;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/** Stale-if-error and background regeneration. */
@DogpileWeldTest
class FallbacksTest {

    @WeldSetup
    WeldInitiator weld = Deployments.synthetic(FallbackService.class);

    @Inject
    FallbackService service;
    @Inject
    ManualClock clock;
    @Inject
    DogpileCaches caches;

    @Test
    void staleIfError_regenerationFails_staleValueServed() {
        assertEquals("a#1", service.staleIfError("a"));
        clock.advance(Duration.ofSeconds(11));
        service.failNextRun(new IllegalStateException("backend down"));
        assertEquals("a#1", service.staleIfError("a"));
        assertEquals("a#3", service.staleIfError("a"));
    }

    @Test
    void background_stale_callerGetsStaleAndMethodRunsOnExecutor() throws Exception {
        assertEquals("b#1", service.background("b"));
        clock.advance(Duration.ofSeconds(11));
        service.gate().close();
        assertEquals("b#1", service.background("b"));
        service.gate().awaitEntered();
        service.gate().open();
        awaitValue("background", "b", "b#2");
        assertEquals("b#2", service.background("b"));
    }

    @Test
    void backgroundStage_stale_completedStaleStageWhileMethodRunsOnExecutor() throws Exception {
        assertEquals("c#1", service.backgroundStage("c").toCompletableFuture().get(30, TimeUnit.SECONDS));
        clock.advance(Duration.ofSeconds(11));
        service.gate().close();
        CompletableFuture<String> stale = service.backgroundStage("c").toCompletableFuture();
        assertTrue(stale.isDone());
        assertEquals("c#1", stale.get());
        service.gate().awaitEntered();
        service.gate().open();
        awaitValue("backgroundStage", "c", "c#2");
        assertEquals("c#2", service.backgroundStage("c").toCompletableFuture().get());
    }

    /** Background regenerations store after the method returned: waits for that condition. */
    private void awaitValue(String cache, String key, Object expected) {
        Poll.until("cache '" + cache + "' key " + key + " holds " + expected,
            () -> caches.peek(cache, key).map(CacheEntry::value).filter(expected::equals).isPresent());
    }
}
