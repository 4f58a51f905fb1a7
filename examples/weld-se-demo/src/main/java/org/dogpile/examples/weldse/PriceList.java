package org.dogpile.examples.weldse;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A region's price list, as a slow backend would return it. Besides the prices it carries when it
 * was made and which backend call made it, so that every caller can tell whether the value it got
 * was fresh or stale.
 *
 * <p>Cached values live in Hazelcast, so they must be serializable.
 *
 * @param region the region
 * @param generation which of the backend's lists for this region it is: 1, 2, 3, ...
 * @param createdAtMillis when the backend finished making it, in epoch milliseconds
 * @param prices the price of each item
 */
public record PriceList(String region, long generation, long createdAtMillis, Map<String, BigDecimal> prices)
        implements Serializable {

    /** Copies the prices into an immutable (and serializable) map. */
    public PriceList {
        prices = Map.copyOf(prices);
    }

    /**
     * @param nowMillis the current time, in epoch milliseconds
     * @return how old this list is at that time, in milliseconds
     */
    public long ageMillis(long nowMillis) {
        return nowMillis - createdAtMillis;
    }
}
