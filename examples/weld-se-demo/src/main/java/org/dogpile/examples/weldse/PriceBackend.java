package org.dogpile.examples.weldse;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The expensive thing worth caching: every call takes {@link #LATENCY} (think of a slow database
 * query or a remote service) and is counted.
 */
@ApplicationScoped
public class PriceBackend {

    /** How long one call takes. */
    public static final Duration LATENCY = Duration.ofMillis(200);

    private final AtomicLong invocations = new AtomicLong();
    private final ConcurrentMap<String, AtomicLong> generations = new ConcurrentHashMap<>();

    /** Creates the backend; the container does this. */
    public PriceBackend() {
    }

    /**
     * Loads a region's price list, slowly.
     *
     * @param region the region
     * @return a new price list, numbered with this region's next generation
     */
    public PriceList load(String region) {
        invocations.incrementAndGet();
        long generation = generations.computeIfAbsent(region, r -> new AtomicLong()).incrementAndGet();
        try {
            Thread.sleep(LATENCY.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the prices of " + region, interrupted);
        }
        BigDecimal step = BigDecimal.valueOf(generation, 2);
        return new PriceList(region, generation, System.currentTimeMillis(), Map.of(
            "coffee", new BigDecimal("2.40").add(step),
            "croissant", new BigDecimal("1.90").add(step),
            "orange juice", new BigDecimal("3.10").add(step)));
    }

    /** @return how many times {@link #load} was called so far, for all regions */
    public long invocations() {
        return invocations.get();
    }
}
