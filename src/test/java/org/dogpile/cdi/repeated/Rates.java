package org.dogpile.cdi.repeated;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.Dogpile;

/** A cached method that counts its runs. */
@ApplicationScoped
public class Rates {
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * @param pair a currency pair
     * @return the pair and the number of this run
     */
    @Dogpile(expireAfter = 10, cache = "rates")
    public String rate(String pair) {
        return pair + "#" + runs.incrementAndGet();
    }

    /** @return how often {@link #rate} ran */
    public int runs() {
        return runs.get();
    }
}
