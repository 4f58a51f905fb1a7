package org.dogpile.cdi.misuse;

import org.dogpile.DogpileInvalidate;

public class InvalidateUnsupportedKey {
    @DogpileInvalidate(cache = "prices")
    public void update(Thread owner) {
    }
}
