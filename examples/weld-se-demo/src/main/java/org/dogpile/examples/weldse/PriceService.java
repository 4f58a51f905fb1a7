package org.dogpile.examples.weldse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.dogpile.Dogpile;

/**
 * The application's service: the same backend call twice, once protected by {@link Dogpile} and
 * once plain.
 */
@ApplicationScoped
public class PriceService {

    /** The cache that {@link #prices(String)} uses. */
    public static final String CACHE = "prices";

    @Inject
    PriceBackend backend;

    /** Creates the service; the container does this. */
    public PriceService() {
    }

    /**
     * The price list of a region, at most 2 seconds old when fresh. When it expires, one caller in
     * the cluster loads it again while every other caller gets the previous list at once; callers
     * wait only while there is no list at all.
     *
     * @param region the region
     * @return its price list
     */
    @Dogpile(expireAfter = 2, cache = CACHE)
    public PriceList prices(String region) {
        return backend.load(region);
    }

    /**
     * The same call without {@link Dogpile}: every call goes to the backend.
     *
     * @param region the region
     * @return a new price list
     */
    public PriceList pricesUncached(String region) {
        return backend.load(region);
    }

    /** @return how long a value of {@link #prices(String)} stays fresh, read from its annotation */
    public static Duration expireAfter() {
        try {
            Dogpile dogpile = PriceService.class.getMethod("prices", String.class).getAnnotation(Dogpile.class);
            return Duration.of(dogpile.expireAfter(), dogpile.unit().toChronoUnit());
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
