package org.dogpile.it.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spring.cache.HazelcastCacheManager;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Spring member: caching on hazelcast-spring's {@code HazelcastCacheManager} over the member's
 * Hazelcast instance, the way a Spring application without Boot sets it up.
 */
@Configuration
@EnableCaching
public class SpringConfig {

    /** Creates the configuration; the Spring context does this. */
    public SpringConfig() {
    }

    /**
     * @param hazelcast the member
     * @return the cache manager
     */
    @Bean
    public CacheManager cacheManager(HazelcastInstance hazelcast) {
        return new HazelcastCacheManager(hazelcast);
    }

    /** @return the cached bean */
    @Bean
    public SpringPrices springPrices() {
        return new SpringPrices();
    }

    /**
     * Starts a Spring context on a member.
     *
     * @param hazelcast the member
     * @return the running context
     */
    public static AnnotationConfigApplicationContext start(HazelcastInstance hazelcast) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean("hazelcastInstance", HazelcastInstance.class, () -> hazelcast);
        context.register(SpringConfig.class);
        context.refresh();
        return context;
    }
}
