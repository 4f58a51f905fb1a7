package org.dogpile.cdi.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.testing.Deployments;
import org.dogpile.testing.DogpileWeldTest;
import org.dogpile.testing.ManualClock;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One cached method under load: fresh hits, expiry, a stampede on a missing value, stale values while one caller regenerates, exceptions. */
@DogpileWeldTest
class PricesTest {

    @WeldSetup
    WeldInitiator weld = Deployments.synthetic(PriceService.class);

    @Inject
    PriceService prices;
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
    void caches_wrongArgumentCount_messageNamesMethods() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> caches.keyOf("prices", "EU", "extra"));
        assertTrue(thrown.getMessage().contains("cache 'prices' has no method with 2 parameters: "
            + "org.dogpile.cdi.caching.PriceService#prices(java.lang.String)"), thrown.getMessage());
    }
}
