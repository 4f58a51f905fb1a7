package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.dogpile.testing.Deployments;
import org.dogpile.testing.ManualClock;
import org.dogpile.cdi.inherited.LongLived;
import org.dogpile.cdi.inherited.ShortLived;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Two beans inherit one method and cache it with different settings: each keeps its own. */
class InheritedMethodTest {

    @Test
    void oneInheritedMethod_twoBeansWithDifferentSettings_eachUsesItsOwn() {
        try (WeldContainer container = Deployments.syntheticWeld(ShortLived.class, LongLived.class).initialize()) {
            ShortLived shortLived = container.select(ShortLived.class).get();
            LongLived longLived = container.select(LongLived.class).get();
            ManualClock clock = container.select(ManualClock.class).get();
            DogpileCaches caches = container.select(DogpileCaches.class).get();

            assertEquals("a#1", shortLived.value("a"));
            assertEquals("a#1", longLived.value("a"));
            assertTrue(caches.peek("short", "a").isPresent());
            assertTrue(caches.peek("long", "a").isPresent());
            assertEquals(Duration.ofSeconds(10), policyOf(container, "short").expireAfter());
            assertEquals(Duration.ofSeconds(60), policyOf(container, "long").expireAfter());

            clock.advance(Duration.ofSeconds(11));
            assertEquals("a#2", shortLived.value("a"));   // 10 s: regenerated
            assertEquals("a#1", longLived.value("a"));    // 60 s: still fresh
            clock.advance(Duration.ofSeconds(50));
            assertEquals("a#2", longLived.value("a"));
        }
    }

    private static org.dogpile.engine.DogpilePolicy policyOf(WeldContainer container, String cache) {
        return container.select(DogpileRegistry.class).get().registrations(cache).get(0).method().policy();
    }
}
