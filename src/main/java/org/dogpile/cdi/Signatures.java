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
     * @return {@code declaring.Class#name(param.Type,...)}, e.g.
     *     {@code com.acme.PriceService#prices(java.lang.String)}
     */
    static String of(Method method) {
        return of(method.getDeclaringClass(), method);
    }

    /**
     * @param type the class to name the method by: its bean class, which may inherit it
     * @param method a method
     * @return {@code type#name(param.Type,...)}
     */
    static String of(Class<?> type, Method method) {
        return type.getName() + "#" + method.getName()
            + Arrays.stream(method.getParameterTypes()).map(Class::getTypeName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
