package org.dogpile.cdi.classlevel;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;
import org.dogpile.testing.Gate;

/** A class annotated as a whole: every method with a result is cached, one with its own settings. */
@ApplicationScoped
@Dogpile(expireAfter = 10)
public class CatalogService {
    private final Gate gate = new Gate();
    private int voidRuns;

    public Gate gate() {
        return gate;
    }

    public String item(int id) {
        return "item" + id + "#" + gate.pass();
    }

    @Dogpile(expireAfter = 100, cache = "catalog.count")
    public int count() {
        return gate.pass();
    }

    public void touch() {
        voidRuns++;
    }

    public int voidRuns() {
        return voidRuns;
    }
}
