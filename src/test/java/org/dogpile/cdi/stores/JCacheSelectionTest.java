package org.dogpile.cdi.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.cdi.config.Named;
import org.dogpile.store.jcache.JCacheStore;
import org.dogpile.testing.Deployments;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * {@code dogpile.store=jcache}: a JCache store on the configured provider or on the application's
 * {@code CacheManager} bean. The test class path has two providers (Caffeine's and Hazelcast's), as
 * a server with its own provider plus one in the application would.
 */
@SuppressWarnings("try") // the resources scope configuration and containers; the bodies need not name them
class JCacheSelectionTest {

    private static final String CAFFEINE = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";

    /** Provides the application's CacheManager, as Payara does for its own. */
    @ApplicationScoped
    public static class CacheManagerProducer {
        static CacheManager manager;

        @Produces
        CacheManager manager() {
            return manager;
        }
    }

    @Test
    void storeJcache_providerNamed_jcacheStoreOnThatProvider() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.store", "jcache",
                    "dogpile.jcache.provider", CAFFEINE));
                WeldContainer container = Deployments.withoutStore(Named.class).initialize()) {
            DogpileCaches caches = container.select(DogpileCaches.class).get();
            assertTrue(caches.engine().store() instanceof JCacheStore, caches.engine().store()::toString);
            Named named = container.select(Named.class).get();
            assertEquals("a#1", named.value("a"));
            assertEquals("a#1", named.value("a"));
            assertEquals("a#1", caches.peek("named", "a").orElseThrow().value());
            CachingProvider caffeine = Caching.getCachingProvider(CAFFEINE);
            CacheManager manager = caffeine.getCacheManager(caffeine.getDefaultURI(),
                Thread.currentThread().getContextClassLoader());
            assertTrue(manager.getCacheNames().iterator().hasNext(), "caches live in Caffeine's default manager");
        }
    }

    @Test
    void storeJcache_cacheManagerBean_usedAsItIs() throws Exception {
        CachingProvider caffeine = Caching.getCachingProvider(CAFFEINE);
        CacheManager manager = caffeine.getCacheManager(java.net.URI.create("dogpile-test-bean"),
            getClass().getClassLoader());
        CacheManagerProducer.manager = manager;
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.store", "jcache"));
                WeldContainer container = Deployments.withoutStore(Named.class, CacheManagerProducer.class)
                    .initialize()) {
            Named named = container.select(Named.class).get();
            assertEquals("a#1", named.value("a"));
            assertEquals("a#1", named.value("a"));
            assertTrue(manager.getCache(JCacheStore.DEFAULT_CACHE_NAME_PREFIX + "named") != null);
        } finally {
            manager.close();
        }
    }

    @Test
    void storeJcache_twoProvidersAndNoneNamed_firstCallFailsNamingTheKey() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.store", "jcache"));
                WeldContainer container = Deployments.withoutStore(Named.class).initialize()) {
            Named named = container.select(Named.class).get();
            RuntimeException failure = assertThrows(RuntimeException.class, () -> named.value("a"));
            String messages = Deployments.messages(failure);
            assertTrue(messages.contains("name one with dogpile.jcache.provider"), messages);
        }
    }
}
