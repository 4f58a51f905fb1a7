package org.dogpile.cdi.caching;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;
import org.dogpile.testing.Gate;

/** A cached service; its method counts runs through its gate and can be made to fail. */
@ApplicationScoped
public class PriceService {
    private final Gate gate = new Gate();

    public Gate gate() {
        return gate;
    }

    private volatile RuntimeException failure;

    /** The next run throws this (once). */
    public void failNextRun(RuntimeException next) {
        failure = next;
    }

    private void maybeFail() {
        RuntimeException next = failure;
        if (next != null) {
            failure = null;
            throw next;
        }
    }

    @Dogpile(expireAfter = 30, cache = "prices", maxStale = 300)
    public String prices(String region) {
        int run = gate.pass();
        maybeFail();
        return region + "#" + run;
    }
}
