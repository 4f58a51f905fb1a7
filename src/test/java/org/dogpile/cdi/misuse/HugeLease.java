package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class HugeLease {
    @Dogpile(leaseMillis = Long.MAX_VALUE / 2)
    public String load(String id) {
        return id;
    }
}
