package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class NegativeLease {
    @Dogpile(leaseMillis = -5)
    public String load(String id) {
        return id;
    }
}
