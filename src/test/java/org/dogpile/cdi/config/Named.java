package org.dogpile.cdi.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.Dogpile;

/** A cache named in the annotation: 60 s unless configured otherwise. */
@ApplicationScoped
public class Named {
    private final AtomicInteger runs = new AtomicInteger();

    @Dogpile(cache = "named", expireAfter = 60)
    public String value(String id) {
        return id + "#" + runs.incrementAndGet();
    }

    @Dogpile(cache = "nullable", expireAfter = 60)
    public String nothing(String id) {
        runs.incrementAndGet();
        return null;
    }

    public int runs() {
        return runs.get();
    }
}
