package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class StaticMethod {
    @Dogpile
    public static String load(String id) {
        return id;
    }
}
