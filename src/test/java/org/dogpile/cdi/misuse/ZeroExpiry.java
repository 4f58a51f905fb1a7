package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class ZeroExpiry {
    @Dogpile(expireAfter = 0)
    public String load(String id) {
        return id;
    }
}
