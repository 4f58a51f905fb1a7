package org.dogpile.cdi.misuse;

import java.util.OptionalInt;
import org.dogpile.Dogpile;

public class OptionalIntResult {
    @Dogpile
    public OptionalInt load(String id) {
        return OptionalInt.empty();
    }
}
