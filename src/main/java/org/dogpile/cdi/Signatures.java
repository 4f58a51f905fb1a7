package org.dogpile.cdi;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Names methods in messages and default cache names. */
final class Signatures {
    private Signatures() {
    }

    /**
     * @param method a method
     * @return {@code declaring.Class#name(param.Type, ...)}, e.g.
     *     {@code com.acme.PriceService#prices(java.lang.String)}
     */
    static String of(Method method) {
        return method.getDeclaringClass().getName() + "#" + method.getName()
            + Arrays.stream(method.getParameterTypes()).map(Class::getTypeName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
