package org.dogpile.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;
import org.dogpile.testing.Gate;

/** A method whose settings the tests override with configuration. */
@ApplicationScoped
public class ConfiguredService {
    private final Gate gate = new Gate();

    public Gate gate() {
        return gate;
    }

    @Dogpile(cache = "configured", expireAfter = 60)
    public String value(String id) {
        return id + "#" + gate.pass();
    }
}
