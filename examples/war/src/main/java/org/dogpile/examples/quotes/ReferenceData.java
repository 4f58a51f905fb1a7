package org.dogpile.examples.quotes;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;

/**
 * Reference prices, in a singleton session bean with container-managed concurrency. With
 * {@code @Lock(READ)} every caller enters at once and the dogpile decides who asks the backend; the
 * default {@code @Lock(WRITE)} would queue every caller behind the one regenerating, which is the
 * wait the dogpile exists to avoid.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.CONTAINER)
@Lock(LockType.READ)
public class ReferenceData {

    @Inject
    QuoteBackend backend;

    /**
     * A reference price, at most two seconds old.
     *
     * @param instrument the instrument
     * @return its reference price
     */
    @Dogpile(expireAfter = 2, cache = "reference")
    public Quote reference(String instrument) {
        return backend.fetch(instrument);
    }

    /**
     * Drops the cached reference price of an instrument, in the whole cluster.
     *
     * @param instrument the instrument
     */
    @DogpileInvalidate(cache = "reference")
    public void forget(String instrument) {
        // the interceptor invalidates after this method returns
    }
}
