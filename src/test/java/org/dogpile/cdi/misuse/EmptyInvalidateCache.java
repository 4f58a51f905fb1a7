package org.dogpile.cdi.misuse;

import org.dogpile.DogpileInvalidateAll;

public class EmptyInvalidateCache {
    @DogpileInvalidateAll(cache = "")
    public void reload() {
    }
}
