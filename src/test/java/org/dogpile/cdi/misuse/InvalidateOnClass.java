package org.dogpile.cdi.misuse;

import org.dogpile.DogpileInvalidate;

@DogpileInvalidate(cache = "prices")
public class InvalidateOnClass {
    public void update(String region) {
    }
}
