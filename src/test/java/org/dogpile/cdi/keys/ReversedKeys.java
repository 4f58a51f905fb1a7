package org.dogpile.cdi.keys;

import java.lang.reflect.Method;
import org.dogpile.DogpileKeyGenerator;

/** A custom key generator: the first argument, case-insensitive. */
public class ReversedKeys implements DogpileKeyGenerator {
    @Override
    public String keyOf(Method method, Object[] args) {
        return String.valueOf(args[0]).toLowerCase(java.util.Locale.ROOT);
    }
}
