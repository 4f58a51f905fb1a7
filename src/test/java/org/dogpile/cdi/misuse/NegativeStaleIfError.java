package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class NegativeStaleIfError {
    @Dogpile(staleIfError = -1)
    public String load(String id) {
        return id;
    }
}
