package org.dogpile.cdi;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/** How a cached method's result is stored and handed back. */
enum ReturnKind {
    /** Stored as it is; {@code null} as the engine's null marker. */
    VALUE,
    /** {@code Optional}: stored unwrapped (empty as the null marker), rewrapped on the way out. */
    OPTIONAL,
    /** {@code CompletionStage} or {@code CompletableFuture}: the completed value is stored. */
    STAGE,
    /** A stage of an {@code Optional}: the completed value is stored unwrapped. */
    STAGE_OF_OPTIONAL;

    /**
     * Classifies a method's return type.
     *
     * @param method the method
     * @return its kind
     * @throws IllegalArgumentException for {@code void} and types that cannot be cached, naming the method
     */
    static ReturnKind of(Method method) {
        Class<?> type = method.getReturnType();
        String where = "@Dogpile on " + Signatures.of(method) + ": ";
        if (type == void.class || type == Void.class) {
            throw new IllegalArgumentException(where + "a void method has no result to cache: " + type.getName());
        }
        if (type == OptionalInt.class || type == OptionalLong.class || type == OptionalDouble.class) {
            throw new IllegalArgumentException(where + "unsupported return type " + type.getName()
                + " (not serializable); return Optional or the boxed value instead");
        }
        if (type == Optional.class) {
            return OPTIONAL;
        }
        if (CompletionStage.class.isAssignableFrom(type) || Future.class.isAssignableFrom(type)) {
            if (type != CompletionStage.class && type != CompletableFuture.class) {
                throw new IllegalArgumentException(where + "unsupported asynchronous return type " + type.getName()
                    + "; return CompletionStage or CompletableFuture");
            }
            Type generic = method.getGenericReturnType();
            if (generic instanceof ParameterizedType parameterized) {
                Type inner = parameterized.getActualTypeArguments()[0];
                Type innerRaw = inner instanceof ParameterizedType p ? p.getRawType() : inner;
                if (innerRaw == Optional.class) {
                    return STAGE_OF_OPTIONAL;
                }
            }
            return STAGE;
        }
        return VALUE;
    }

    /** @return whether the method returns an asynchronous stage */
    boolean isStage() {
        return this == STAGE || this == STAGE_OF_OPTIONAL;
    }

    /** @return whether the (completed) value is an {@code Optional} */
    boolean isOptional() {
        return this == OPTIONAL || this == STAGE_OF_OPTIONAL;
    }
}
