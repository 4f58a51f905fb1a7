package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class ZeroLockTimeout {
    @Dogpile(lockTimeoutMillis = 0)
    public String load(String id) {
        return id;
    }
}
