package org.dogpile.store.jcache;

import com.hazelcast.cache.HazelcastCachingProvider;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.dogpile.store.hazelcast.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JCacheStore} on Hazelcast's JCache member provider, on a real member. */
class JCacheStoreHazelcastTest extends JCacheStoreContract {

    private static TestCluster cluster;
    private static CacheManager manager;

    @BeforeAll
    static void startMember() {
        cluster = TestCluster.start(1);
        CachingProvider provider = Caching.getCachingProvider("com.hazelcast.cache.HazelcastMemberCachingProvider");
        manager = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
            HazelcastCachingProvider.propertiesByInstanceItself(cluster.member(0)));
    }

    @AfterAll
    static void stopMember() {
        manager.close();
        cluster.close();
    }

    @Override
    protected CacheManager manager() {
        return manager;
    }
}
