package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class PrivateMethod {
    public String call(String id) {
        return load(id);
    }

    @Dogpile
    private String load(String id) {
        return id;
    }
}
