package org.dogpile.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;
import org.dogpile.testing.Gate;
import org.dogpile.DogpileInvalidate;
import org.dogpile.DogpileKey;

/** A typical cached service in the discovery tests' bean archive. */
@ApplicationScoped
public class PriceService {
    private final Gate gate = new Gate();

    public Gate gate() {
        return gate;
    }

    @Dogpile(expireAfter = 30, cache = "prices", maxStale = 300)
    public String prices(String region) {
        int run = gate.pass();
        return region + "#" + run;
    }

    @DogpileInvalidate(cache = "prices")
    public void updatePrices(@DogpileKey String region, String newPrices) {
    }
}
