package org.dogpile.examples.weldse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.time.Duration;
import org.dogpile.engine.stats.DogpileStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's workload, shortened: the same 200 callers, with real bean discovery and the embedded
 * Hazelcast member that the dogpile extension starts. The assertions are bounds that hold however
 * the threads are scheduled.
 */
class StampedeDemoTest {

    private static final Duration EXPIRE_AFTER = PriceService.expireAfter();
    private static final Stampede.Workload CACHED = Stampede.Workload.of(200, EXPIRE_AFTER.multipliedBy(5).dividedBy(2));
    private static final Stampede.Workload PLAIN = CACHED.lasting(Duration.ofSeconds(1));

    private static SeContainer container;
    private static StampedeDemo.Comparison comparison;

    @BeforeAll
    static void runStampedes() throws InterruptedException {
        StampedeDemo.prepareJvm();
        container = SeContainerInitializer.newInstance().initialize();
        comparison = StampedeDemo.compare(container, CACHED, PLAIN, EXPIRE_AFTER, null);
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            container.close();
        }
        assertTrue(Hazelcast.getAllHazelcastInstances().isEmpty(), "the container stops the embedded member");
    }

    @Test
    void cachedMethod_stampedeOverSeveralExpiries_backendRunsAtMostOncePerExpiryPlusOne() {
        Stampede.Result cached = comparison.cached();
        assertNull(cached.firstError());
        assertTrue(cached.calls() > 0);
        assertTrue(cached.invocations() <= cached.maxInvocations(EXPIRE_AFTER),
            () -> cached.invocations() + " backend invocations in " + cached.elapsed() + " with values fresh for "
                + EXPIRE_AFTER + "; at most " + cached.maxInvocations(EXPIRE_AFTER) + " expected");
    }

    @Test
    void cachedMethod_callsDuringRegeneration_getTheStaleValue() {
        Stampede.Result cached = comparison.cached();
        assertTrue(cached.stale() > 0, () -> "no stale value served in " + cached.calls() + " calls");
    }

    @Test
    void cachedMethod_counters_tellTheSameStoryAsTheCallers() {
        Stampede.Result cached = comparison.cached();
        DogpileStats counters = comparison.counters();
        assertTrue(counters.regenerationAttempts() >= 1 && counters.regenerationAttempts() <= cached.invocations(),
            () -> counters + " against " + cached.invocations() + " backend invocations");
        assertTrue(counters.staleHits() > 0, counters::toString);
        long counted = counters.hitCount() + counters.missCount();
        assertTrue(counted <= cached.calls() && counted >= cached.calls() - counters.storeFailures(),
            () -> counted + " hits and misses counted for " + cached.calls() + " calls: " + counters);
    }

    @Test
    void plainMethod_stampede_backendRunsForEveryCall() {
        Stampede.Result plain = comparison.plain();
        assertNull(plain.firstError());
        assertTrue(plain.calls() > 0);
        assertEquals(plain.calls(), plain.invocations());
    }
}
