package org.dogpile.cdi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import java.time.Duration;
import java.util.Map;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.testing.Deployments;
import org.dogpile.testing.ManualClock;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Configuration through MicroProfile Config: global defaults, per-cache keys by full and by short
 * name, duration strings, MicroProfile Config's boolean words, the off switch and unknown keys.
 * Every expiry is observed on the manual clock: the value is fresh one millisecond before the
 * configured time and regenerated at it.
 */
@SuppressWarnings("try") // the resources scope configuration and containers; the bodies need not name them
class ConfigurationTest {

    private static final String FULL_NAME = "org.dogpile.cdi.config.DefaultNamed#value(java.lang.String)";

    @Test
    void defaults_expireAfter_everyCacheUsesIt() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.defaults.expire-after", "5s"));
                WeldContainer container = Deployments.syntheticWeld(Named.class, DefaultNamed.class).initialize()) {
            Named named = container.select(Named.class).get();
            DefaultNamed defaultNamed = container.select(DefaultNamed.class).get();
            ManualClock clock = container.select(ManualClock.class).get();
            assertEquals("a#1", named.value("a"));
            assertEquals("a#1", defaultNamed.value("a"));
            clock.advance(Duration.ofMillis(4999));
            assertEquals("a#1", named.value("a"));
            assertEquals("a#1", defaultNamed.value("a"));
            clock.advance(Duration.ofMillis(1));
            assertEquals("a#2", named.value("a"));        // the annotation says 60 s
            assertEquals("a#2", defaultNamed.value("a"));
        }
    }

    @Test
    void perCacheKey_andDefaults_perCacheWins() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.defaults.expire-after", "5s",
                    "dogpile.named.expire-after", "20s"));
                WeldContainer container = Deployments.syntheticWeld(Named.class, DefaultNamed.class).initialize()) {
            Named named = container.select(Named.class).get();
            DefaultNamed defaultNamed = container.select(DefaultNamed.class).get();
            ManualClock clock = container.select(ManualClock.class).get();
            named.value("a");
            defaultNamed.value("a");
            clock.advance(Duration.ofSeconds(6));
            assertEquals("a#1", named.value("a"));
            assertEquals("a#2", defaultNamed.value("a"));
            clock.advance(Duration.ofSeconds(14));
            assertEquals("a#2", named.value("a"));
        }
    }

    @Test
    void durations_isoMillisAndBareNumber_eachUnderstood() throws Exception {
        for (Map.Entry<String, Duration> written : Map.of("PT1.5S", Duration.ofMillis(1500), "750ms",
                Duration.ofMillis(750), "2m", Duration.ofMinutes(2), "7", Duration.ofSeconds(7)).entrySet()) {
            try (AutoCloseable config = Deployments.config(Map.of("dogpile.named.expire-after", written.getKey()));
                    WeldContainer container = Deployments.syntheticWeld(Named.class).initialize()) {
                Named named = container.select(Named.class).get();
                ManualClock clock = container.select(ManualClock.class).get();
                assertEquals("a#1", named.value("a"));
                clock.advance(written.getValue().minusMillis(1));
                assertEquals("a#1", named.value("a"), written.getKey());
                clock.advance(Duration.ofMillis(1));
                assertEquals("a#2", named.value("a"), written.getKey());
            }
        }
    }

    @Test
    void defaultNamedCache_fullAndShortKeys_bothWorkAndFullWins() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.DefaultNamed.value.expire-after", "5s"));
                WeldContainer container = Deployments.syntheticWeld(DefaultNamed.class).initialize()) {
            assertExpiresAfter(container, Duration.ofSeconds(5));
        }
        try (AutoCloseable config = Deployments.config(Map.of("dogpile." + FULL_NAME + ".expire-after", "8s",
                    "dogpile.DefaultNamed.value.expire-after", "5s"));
                WeldContainer container = Deployments.syntheticWeld(DefaultNamed.class).initialize()) {
            assertExpiresAfter(container, Duration.ofSeconds(8));
        }
    }

    @Test
    void booleans_microProfileWords_yesAndOffUnderstood() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.nullable.cache-null", "off"));
                WeldContainer container = Deployments.syntheticWeld(Named.class).initialize()) {
            Named named = container.select(Named.class).get();
            named.nothing("a");
            named.nothing("a");
            assertEquals(2, named.runs()); // null not cached
        }
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.nullable.cache-null", "yes"));
                WeldContainer container = Deployments.syntheticWeld(Named.class).initialize()) {
            Named named = container.select(Named.class).get();
            named.nothing("a");
            named.nothing("a");
            assertEquals(1, named.runs());
        }
    }

    @Test
    void enabledFalse_callsGoStraightToTheMethodAndNoStoreStarts() throws Exception {
        int members = Hazelcast.getAllHazelcastInstances().size();
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.enabled", "no"));
                WeldContainer container = Deployments.withoutStore(Named.class).initialize()) {
            Named named = container.select(Named.class).get();
            assertEquals("a#1", named.value("a"));
            assertEquals("a#2", named.value("a"));
            DogpileCaches caches = container.select(DogpileCaches.class).get();
            caches.invalidate("named", "a");
            assertFalse(caches.peek("named", "a").isPresent());
            assertEquals(members, Hazelcast.getAllHazelcastInstances().size());
        }
    }

    @Test
    void keysOfTheOtherParts_deploy_accepted() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.namespace", "shop",
                    "dogpile.invalidate.timing", "immediate", "dogpile.store.operation-timeout-millis", "2000",
                    "dogpile.log.keys", "false"));
                WeldContainer container = Deployments.syntheticWeld(Named.class).initialize()) {
            Named named = container.select(Named.class).get();
            assertEquals("a#1", named.value("a"));
            assertEquals("a#1", named.value("a"));
        }
    }

    @Test
    void unknownGlobalKey_deploy_failsNamingTheKey() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.enabeld", "false"))) {
            String failure = Deployments.deploymentFailure(Named.class);
            assertTrue(failure.contains("unknown configuration key dogpile.enabeld"), failure);
        }
    }

    @Test
    void unknownDefaultsMember_deploy_failsNamingTheKey() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.defaults.expire-afte", "5s"))) {
            String failure = Deployments.deploymentFailure(Named.class);
            assertTrue(failure.contains("unknown configuration key dogpile.defaults.expire-afte"), failure);
        }
    }

    @Test
    void unknownEnvironmentName_deploy_failsNamingTheVariable() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("DOGPILE_DEFAULTNAMED_VALUE_EXPIRE_AFTR", "5s"))) {
            String failure = Deployments.deploymentFailure(DefaultNamed.class);
            assertTrue(failure.contains("unknown configuration key DOGPILE_DEFAULTNAMED_VALUE_EXPIRE_AFTR"), failure);
        }
    }

    @Test
    void dottedFormOfAKeyInAFile_deploy_failsInsteadOfBeingIgnored() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.defaults.expire.after", "5s"))) {
            String failure = Deployments.deploymentFailure(Named.class);
            assertTrue(failure.contains("unknown configuration key dogpile.defaults.expire.after"), failure);
        }
    }

    @Test
    void cacheThatNoMethodUses_deploy_failsNamingTheKey() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.nmaed.expire-after", "5s"))) {
            String failure = Deployments.deploymentFailure(Named.class);
            assertTrue(failure.contains("unknown configuration key dogpile.nmaed.expire-after"), failure);
            assertTrue(failure.contains("[named, nullable]"), failure);
        }
    }

    @Test
    void ambiguousShortName_deploy_failsNamingBothCaches() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.Overloaded.value.expire-after", "5s"))) {
            String failure = Deployments.deploymentFailure(Overloaded.class);
            assertTrue(failure.contains("ambiguous key dogpile.Overloaded.value.expire-after"), failure);
            assertTrue(failure.contains("org.dogpile.cdi.config.Overloaded#value(int), "
                + "org.dogpile.cdi.config.Overloaded#value(java.lang.String)"), failure);
        }
    }

    @Test
    void invalidDuration_deploy_failsNamingKeyAndValue() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.defaults.lease", "soon"))) {
            String failure = Deployments.deploymentFailure(Named.class);
            assertTrue(failure.contains("invalid value 'soon' of dogpile.defaults.lease for "
                + "org.dogpile.cdi.config.Named#"), failure);
            assertTrue(failure.contains("a duration such as 30s, 500ms, 5m or PT30S"), failure);
        }
    }

    private static void assertExpiresAfter(WeldContainer container, Duration expiry) {
        DefaultNamed service = container.select(DefaultNamed.class).get();
        ManualClock clock = container.select(ManualClock.class).get();
        assertEquals("a#1", service.value("a"));
        clock.advance(expiry.minusMillis(1));
        assertEquals("a#1", service.value("a"));
        clock.advance(Duration.ofMillis(1));
        assertEquals("a#2", service.value("a"));
    }
}
