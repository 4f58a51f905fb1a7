package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class NegativeMaxStale {
    @Dogpile(maxStale = -2)
    public String load(String id) {
        return id;
    }
}
