package org.dogpile.examples.quotes;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * A stateless session bean that calls the {@code @Dogpile} method of a CDI bean
 * ({@link QuoteService#quote(String)}): the EJB's own transaction and security apply around the
 * call, the dogpile inside it.
 */
@Stateless
public class QuoteDesk {

    @Inject
    QuoteService quotes;

    /**
     * @param symbol the instrument
     * @return its quote, from the dogpile-protected CDI bean
     */
    public Quote quote(String symbol) {
        return quotes.quote(symbol);
    }
}
