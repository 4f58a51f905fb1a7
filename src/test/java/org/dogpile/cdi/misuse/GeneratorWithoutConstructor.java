package org.dogpile.cdi.misuse;

import java.lang.reflect.Method;
import org.dogpile.Dogpile;
import org.dogpile.DogpileKeyGenerator;

public class GeneratorWithoutConstructor {
    public static class NeedsPrefix implements DogpileKeyGenerator {
        private final String prefix;

        public NeedsPrefix(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String keyOf(Method method, Object[] args) {
            return prefix + args[0];
        }
    }

    @Dogpile(keyGenerator = NeedsPrefix.class)
    public String load(String id) {
        return id;
    }
}
