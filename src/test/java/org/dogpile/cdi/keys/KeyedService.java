package org.dogpile.cdi.keys;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;
import org.dogpile.testing.Gate;
import org.dogpile.DogpileKey;

/** Methods whose keys are built three ways: all arguments (default cache name), @DogpileKey, a key generator. */
@ApplicationScoped
public class KeyedService {
    private final Gate gate = new Gate();

    public Gate gate() {
        return gate;
    }

    @Dogpile(expireAfter = 30)
    public String defaultNamed(String region) {
        return region + "#" + gate.pass();
    }

    @Dogpile(expireAfter = 30, cache = "byCurrency")
    public String quote(@DogpileKey String currency, int requestNumber) {
        return currency + "#" + gate.pass() + "/" + requestNumber;
    }

    @Dogpile(cache = "caseInsensitive", keyGenerator = ReversedKeys.class)
    public String lookup(String name, Object notEncodable) {
        return name + "#" + gate.pass();
    }
}
