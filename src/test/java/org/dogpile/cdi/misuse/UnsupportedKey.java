package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class UnsupportedKey {
    /** Not encodable stably: no stable key, identity-based. */
    public static class Handle {
    }

    @Dogpile
    public String load(Handle handle) {
        return "x";
    }
}
