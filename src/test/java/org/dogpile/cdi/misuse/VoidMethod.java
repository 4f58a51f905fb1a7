package org.dogpile.cdi.misuse;

import org.dogpile.Dogpile;

public class VoidMethod {
    @Dogpile
    public void refresh(String region) {
    }
}
