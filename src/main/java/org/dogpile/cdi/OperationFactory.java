package org.dogpile.cdi;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;
import org.dogpile.DogpileInvalidateAll;
import org.dogpile.DogpileKeyGenerator;
import org.dogpile.key.KeyEncodingException;

/**
 * Builds the {@link Operation} of one method of one bean from its annotations and the
 * configuration, validating everything. Problems are collected as messages naming class, method and
 * wrong value; the caller turns them into deployment errors (or, for a bean the container did not
 * report, into an exception at its first call).
 */
final class OperationFactory {
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    private final ConfigLookup config;

    /** @param config where per-cache overrides and defaults come from */
    OperationFactory(ConfigLookup config) {
        this.config = config;
    }

    /**
     * The annotations that decide what happens to one method of one bean.
     *
     * @param beanClass the bean class, which may inherit the method
     * @param method the method
     * @param cached {@code @Dogpile} on the method, or {@code null}
     * @param invalidate {@code @DogpileInvalidate} on the method, or {@code null}
     * @param invalidateAll {@code @DogpileInvalidateAll} on the method, or {@code null}
     * @param classLevel {@code @Dogpile} on the bean class, or {@code null}
     */
    record Annotations(Class<?> beanClass, Method method, Dogpile cached, DogpileInvalidate invalidate, DogpileInvalidateAll invalidateAll,
            Dogpile classLevel) {

        /**
         * Reads the annotations by reflection, for a bean the container did not report.
         *
         * @param beanClass the bean class
         * @param method the method
         * @return its annotations
         */
        static Annotations of(Class<?> beanClass, Method method) {
            return new Annotations(beanClass, method, method.getAnnotation(Dogpile.class),
                method.getAnnotation(DogpileInvalidate.class), method.getAnnotation(DogpileInvalidateAll.class),
                beanClass.getAnnotation(Dogpile.class));
        }
    }

    /**
     * The operation of one method.
     *
     * @param annotations the method and its annotations
     * @param problems where problems are added
     * @return the operation, or empty when calls pass through (or a problem was added)
     */
    Optional<Operation> operation(Annotations annotations, List<String> problems) {
        Method method = annotations.method();
        if (method.isBridge() || method.isSynthetic()) {
            return Optional.empty();
        }
        boolean invalidates = annotations.invalidate() != null || annotations.invalidateAll() != null;
        if (annotations.cached() == null && !invalidates) {
            if (annotations.classLevel() == null || !isClassLevelCandidate(method)) {
                return Optional.empty();
            }
            return cached(annotations.beanClass(), method, annotations.classLevel(), problems);
        }
        String notInterceptable = notInterceptable(method);
        if (notInterceptable != null) {
            String annotation = annotations.cached() != null ? "@Dogpile"
                : annotations.invalidate() != null ? "@DogpileInvalidate" : "@DogpileInvalidateAll";
            problems.add(annotation + " on " + Signatures.of(method) + ": the method cannot be intercepted: "
                + notInterceptable);
            return Optional.empty();
        }
        if (annotations.cached() != null && invalidates) {
            problems.add("@Dogpile on " + Signatures.of(method)
                + ": a method cannot both cache and invalidate: remove @DogpileInvalidate or @DogpileInvalidateAll");
            return Optional.empty();
        }
        if (invalidates) {
            return invalidation(method, annotations.invalidate(), annotations.invalidateAll(), problems);
        }
        return cached(annotations.beanClass(), method, annotations.cached(), problems);
    }

    private Optional<Operation> cached(Class<?> beanClass, Method method, Dogpile annotation, List<String> problems) {
        try {
            return Optional.of(cachedMethod(beanClass, method, annotation));
        } catch (IllegalArgumentException invalid) {
            problems.add(invalid.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Builds a cached method's metadata, validating everything.
     *
     * @param beanClass the bean class
     * @param method the method
     * @param annotation the effective annotation
     * @return the metadata
     * @throws IllegalArgumentException naming class, method and wrong value
     */
    CachedMethod cachedMethod(Class<?> beanClass, Method method, Dogpile annotation) {
        ReturnKind kind = ReturnKind.of(method);
        String cache = CacheSettings.cacheName(annotation, beanClass, method);
        String shortName = CacheSettings.shortName(annotation, beanClass, method);
        KeyFunction keys;
        Class<? extends DogpileKeyGenerator> generator = annotation.keyGenerator();
        if (generator != DogpileKeyGenerator.class) {
            keys = KeyFunction.generated(method, KeyFunction.instantiate(generator, method));
        } else {
            try {
                keys = KeyFunction.arguments(method);
            } catch (KeyEncodingException unsupported) {
                throw new IllegalArgumentException("@Dogpile: " + unsupported.getMessage(), unsupported);
            }
        }
        return new CachedMethod(method, cache, shortName,
            CacheSettings.policy(annotation, method, cache, shortName, config), keys, kind);
    }

    private static Optional<Operation> invalidation(Method method, DogpileInvalidate invalidate,
            DogpileInvalidateAll invalidateAll, List<String> problems) {
        String annotation = invalidate != null ? "@DogpileInvalidate" : "@DogpileInvalidateAll";
        if (invalidate != null && invalidateAll != null) {
            problems.add("@DogpileInvalidate on " + Signatures.of(method)
                + ": use either @DogpileInvalidate or @DogpileInvalidateAll on one method, not both");
            return Optional.empty();
        }
        String[] names = invalidate != null ? invalidate.cache() : invalidateAll.cache();
        if (names.length == 0 || Arrays.stream(names).anyMatch(name -> name == null || name.isBlank())) {
            problems.add(annotation + " on " + Signatures.of(method) + ": cache names cannot be empty: "
                + Arrays.toString(names));
            return Optional.empty();
        }
        KeyFunction keys = null;
        if (invalidate != null) {
            try {
                keys = KeyFunction.arguments(method);
            } catch (KeyEncodingException unsupported) {
                problems.add(annotation + ": " + unsupported.getMessage());
                return Optional.empty();
            }
        }
        boolean soft = invalidate != null ? invalidate.soft() : invalidateAll.soft();
        return Optional.of(new InvalidationMethod(method, Arrays.asList(names), soft, keys));
    }

    /** Business methods a class-level {@code @Dogpile} caches: those with a result, Object's excepted. */
    private static boolean isClassLevelCandidate(Method method) {
        int modifiers = method.getModifiers();
        return !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers) && !Modifier.isFinal(modifiers)
            && method.getReturnType() != void.class && method.getDeclaringClass() != Object.class
            && !(OBJECT_METHODS.contains(method.getName())
                && (method.getParameterCount() == 0 || method.getName().equals("equals")));
    }

    private static String notInterceptable(Method method) {
        int modifiers = method.getModifiers();
        return Modifier.isPrivate(modifiers) ? "private" : Modifier.isStatic(modifiers) ? "static"
            : Modifier.isFinal(modifiers) ? "final" : null;
    }
}
