package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

@Dogpile
public class ClassLevelUnsupportedKey {
    public String fine(String id) {
        return id;
    }

    public String broken(StringBuilder mutable) {
        return mutable.toString();
    }
}
