package org.dogpile.examples.quotes;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;

/**
 * Exchange rates, in a stateless session bean: {@code @Dogpile} works on EJBs as on CDI beans,
 * whichever pooled instance the container picks (the bean instance is never part of the key).
 */
@Stateless
public class RateDesk {

    @Inject
    QuoteBackend backend;

    /**
     * A rate, at most two seconds old (a little older while the next one is being computed).
     *
     * @param pair the currency pair, for example {@code EURUSD}
     * @return its rate
     */
    @Dogpile(expireAfter = 2, cache = "rates")
    public Quote rate(String pair) {
        return backend.fetch(pair);
    }

    /**
     * Drops the cached rate of a pair, in the whole cluster.
     *
     * @param pair the currency pair
     */
    @DogpileInvalidate(cache = "rates")
    public void forget(String pair) {
        // the interceptor invalidates after this method returns
    }
}
