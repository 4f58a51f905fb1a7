package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public final class FinalClass {
    @Dogpile
    public String load(String id) {
        return id;
    }
}
