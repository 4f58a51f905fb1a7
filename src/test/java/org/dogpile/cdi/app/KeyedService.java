package org.dogpile.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;

/** A method with a custom key generator. */
@ApplicationScoped
public class KeyedService {
    private final Gate gate = new Gate();

    public Gate gate() {
        return gate;
    }

    @Dogpile(cache = "caseInsensitive", keyGenerator = ReversedKeys.class)
    public String lookup(String name, Object notEncodable) {
        return name + "#" + gate.pass();
    }
}
