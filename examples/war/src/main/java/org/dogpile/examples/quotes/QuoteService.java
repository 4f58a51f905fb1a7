package org.dogpile.examples.quotes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;

/**
 * Quotes from a slow backend, in a CDI bean. {@code @Dogpile} keeps each quote for two seconds;
 * when it expires, one caller in the whole cluster asks the backend again while everybody else
 * keeps getting the previous quote. Callers wait only for the very first quote of a symbol.
 */
@ApplicationScoped
public class QuoteService {

    @Inject
    QuoteBackend backend;

    /**
     * A quote, at most two seconds old (a little older while the next one is being computed).
     *
     * @param symbol the instrument
     * @return its quote
     */
    @Dogpile(expireAfter = 2, cache = "quotes")
    public Quote quote(String symbol) {
        return backend.fetch(symbol);
    }

    /**
     * Drops the cached quote of a symbol, in the whole cluster: the next caller asks the backend.
     *
     * @param symbol the instrument
     */
    @DogpileInvalidate(cache = "quotes")
    public void forget(String symbol) {
        // the interceptor invalidates after this method returns
    }
}
