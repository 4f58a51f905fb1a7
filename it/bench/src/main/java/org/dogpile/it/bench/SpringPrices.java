package org.dogpile.it.bench;

import org.springframework.cache.annotation.Cacheable;

/**
 * The Spring bean of the Spring side: {@code @Cacheable(sync = true)} on hazelcast-spring's
 * {@code HazelcastCacheManager}; the expiry is the map's time-to-live ({@link Members#config}).
 */
public class SpringPrices {

    /** Creates the bean; the Spring context does this. */
    public SpringPrices() {
    }

    /**
     * The expensive method; its map keeps values for {@value Members#EXPIRE_SECONDS} s.
     *
     * @param key the key
     * @return the value
     */
    @Cacheable(cacheNames = Members.SPRING_CACHE, sync = true)
    public String price(String key) {
        return Backend.SPRING.load(key);
    }

    /**
     * A cheap method whose map keeps values forever: every call in the hit-path benchmark is a hit.
     *
     * @param key the key
     * @return the value
     */
    @Cacheable(cacheNames = Members.SPRING_HIT_CACHE, sync = true)
    public String hit(String key) {
        return "value of " + key;
    }
}
