package org.dogpile.store.jcache;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JCacheStore} on Caffeine's JCache provider (local, store by value). */
class JCacheStoreCaffeineTest extends JCacheStoreContract {

    private static CacheManager manager;

    @BeforeAll
    static void openManager() {
        CachingProvider provider =
            Caching.getCachingProvider("com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider");
        manager = provider.getCacheManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @Override
    protected CacheManager manager() {
        return manager;
    }
}
