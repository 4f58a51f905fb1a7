package org.dogpile.it.probes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;
import org.dogpile.examples.quotes.Quote;
import org.dogpile.examples.quotes.QuoteBackend;

/**
 * A balance cached for five minutes (so that only an invalidation replaces it during a test), and
 * its invalidation: what the transaction probes change.
 */
@ApplicationScoped
public class LedgerService {

    @Inject
    QuoteBackend backend;

    /**
     * @param account the account
     * @return its balance, computed by the example's backend (numbered like every backend call)
     */
    @Dogpile(expireAfter = 300, cache = "ledger")
    public Quote balance(String account) {
        return backend.fetch(account);
    }

    /** @param account the account whose cached balance to drop */
    @DogpileInvalidate(cache = "ledger")
    public void forget(String account) {
        // the interceptor invalidates
    }
}
