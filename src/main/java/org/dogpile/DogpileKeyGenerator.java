package org.dogpile;

import java.lang.reflect.Method;

/**
 * Computes the cache key of a {@link Dogpile} method call instead of the built-in argument encoding.
 * Name the implementation in {@link Dogpile#keyGenerator()}; it needs a public no-argument
 * constructor and is created once per annotated method, at deployment. It must be thread-safe.
 *
 * <p>The key must be equal in every JVM of the cluster for the same arguments, and different for
 * arguments that must not share a value: no identity hash codes, no {@code HashMap} iteration order,
 * no plain {@code toString} concatenation where {@code ("a,b", "c")} meets {@code ("a", "b,c")}.
 */
public interface DogpileKeyGenerator {

    /**
     * Computes the key of one call.
     *
     * @param method the annotated method (its declaring class's method, not a proxy's)
     * @param args the call's arguments, all of them, in declaration order; do not modify
     * @return the key within the method's cache; never {@code null}
     */
    String keyOf(Method method, Object[] args);
}
