package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;

public class CachesAndInvalidates {
    @Dogpile
    @DogpileInvalidate(cache = "prices")
    public String load(String id) {
        return id;
    }
}
