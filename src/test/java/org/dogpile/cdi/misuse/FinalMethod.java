package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class FinalMethod {
    @Dogpile
    public final String load(String id) {
        return id;
    }
}
