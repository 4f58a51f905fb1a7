package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.dogpile.testing.Deployments;
import org.dogpile.cdi.app.ConfiguredService;
import org.dogpile.testing.ManualClock;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** MicroProfile Config overrides the annotation's members per cache. */
@SuppressWarnings("try") // the resources scope configuration and containers; the bodies need not name them
class ConfigTest {

    @Test
    void expireAfterOverride_configSet_annotationValueReplaced() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.configured.expire-after", "5"));
                WeldContainer container = Deployments.syntheticWeld(ConfiguredService.class).initialize()) {
            ConfiguredService service = container.select(ConfiguredService.class).get();
            ManualClock clock = container.select(ManualClock.class).get();
            assertEquals("a#1", service.value("a"));
            clock.advance(Duration.ofSeconds(4));
            assertEquals("a#1", service.value("a"));
            clock.advance(Duration.ofSeconds(2));
            assertEquals("a#2", service.value("a")); // the annotation says 60 s
        }
    }

    @Test
    void unitOverride_configSet_expiryInThatUnit() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of(
                    "dogpile.configured.unit", "milliseconds", "dogpile.configured.expire-after", "1500"));
                WeldContainer container = Deployments.syntheticWeld(ConfiguredService.class).initialize()) {
            ConfiguredService service = container.select(ConfiguredService.class).get();
            ManualClock clock = container.select(ManualClock.class).get();
            assertEquals("a#1", service.value("a"));
            clock.advance(Duration.ofMillis(1499));
            assertEquals("a#1", service.value("a"));
            clock.advance(Duration.ofMillis(1));
            assertEquals("a#2", service.value("a"));
        }
    }

    @Test
    void cacheNullOverride_configFalse_policyChanged() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.configured.cache-null", "false",
                    "dogpile.configured.on-lock-timeout", "throw"));
                WeldContainer container = Deployments.syntheticWeld(ConfiguredService.class).initialize()) {
            CachedMethod method = container.select(DogpileRegistry.class).get().registrations("configured").get(0).method();
            assertEquals(false, method.policy().cacheNull());
            assertEquals(org.dogpile.engine.LockTimeoutFallback.THROW, method.policy().lockTimeoutFallback());
        }
    }

    @Test
    void noOverride_defaults_annotationValuesKept() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of());
                WeldContainer container = Deployments.syntheticWeld(ConfiguredService.class).initialize()) {
            CachedMethod method = container.select(DogpileRegistry.class).get().registrations("configured").get(0).method();
            assertEquals(java.time.Duration.ofSeconds(60), method.policy().expireAfter());
            assertEquals(java.time.Duration.ofSeconds(60), method.policy().maxStale());
            assertEquals(java.time.Duration.ofSeconds(10), method.policy().lockTimeout());
            assertEquals(java.time.Duration.ofSeconds(5), method.policy().lease());
        }
    }
}
