package org.dogpile.it.bench;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;

/** The CDI bean of the {@code @Dogpile} side: the expensive method, and a cheap one for the hit path. */
@ApplicationScoped
public class DogpilePrices {
    /** The cache of {@link #price}. */
    public static final String CACHE = "bench.prices";
    /** The cache of {@link #hit}. */
    public static final String HIT_CACHE = "bench.hits";
    /** The cache of {@link #hitFromStore}. */
    public static final String STORE_HIT_CACHE = "bench.store-hits";

    /** Creates the bean; the container does this. */
    public DogpilePrices() {
    }

    /**
     * The expensive method, fresh for {@value Members#EXPIRE_SECONDS} s.
     *
     * @param key the key
     * @return the value
     */
    @Dogpile(cache = CACHE, expireAfter = Members.EXPIRE_SECONDS)
    public String price(String key) {
        return Backend.DOGPILE.load(key);
    }

    /**
     * A cheap method that stays fresh for an hour: every call in the hit-path benchmark is a hit.
     *
     * @param key the key
     * @return the value
     */
    @Dogpile(cache = HIT_CACHE, expireAfter = 3600)
    public String hit(String key) {
        return "value of " + key;
    }

    /**
     * The cheap method without the local tier: every hit reads the entry from Hazelcast.
     *
     * @param key the key
     * @return the value
     */
    @Dogpile(cache = STORE_HIT_CACHE, expireAfter = 3600, localTtlMillis = 0)
    public String hitFromStore(String key) {
        return "value of " + key;
    }

    /**
     * The same cheap method without a cache: what a call through the CDI proxy costs.
     *
     * @param key the key
     * @return the value
     */
    public String plain(String key) {
        return "value of " + key;
    }
}
