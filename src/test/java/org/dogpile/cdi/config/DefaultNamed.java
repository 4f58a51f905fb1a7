package org.dogpile.cdi.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.Dogpile;

/**
 * A default-named cache: {@code org.dogpile.cdi.config.DefaultNamed#value(java.lang.String)}, short
 * name {@code DefaultNamed.value}; 60 s unless configured otherwise.
 */
@ApplicationScoped
public class DefaultNamed {
    private final AtomicInteger runs = new AtomicInteger();

    @Dogpile(expireAfter = 60)
    public String value(String id) {
        return id + "#" + runs.incrementAndGet();
    }
}
