package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class BadEarlyRefresh {
    @Dogpile(earlyRefresh = -1)
    public String load(String id) {
        return id;
    }
}
