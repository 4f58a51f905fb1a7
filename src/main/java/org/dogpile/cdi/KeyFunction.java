package org.dogpile.cdi;

import java.lang.reflect.Method;
import org.dogpile.DogpileKey;
import org.dogpile.DogpileKeyGenerator;
import org.dogpile.key.ArgumentKeys;

/** Computes the key of one call from all of the method's arguments. */
@FunctionalInterface
interface KeyFunction {

    /**
     * @param args all arguments, in declaration order
     * @return the key
     */
    String keyOf(Object[] args);

    /**
     * The built-in encoding of the method's key parameters.
     *
     * @param method the method
     * @return the key function
     * @throws org.dogpile.key.KeyEncodingException when a key parameter cannot be encoded stably
     */
    static KeyFunction arguments(Method method) {
        ArgumentKeys keys = ArgumentKeys.forMethod(method, DogpileKey.class);
        return keys::keyOf;
    }

    /**
     * A user's key generator.
     *
     * @param method the method
     * @param generator the generator instance
     * @return the key function, which rejects a {@code null} key
     */
    static KeyFunction generated(Method method, DogpileKeyGenerator generator) {
        String signature = Signatures.of(method);
        return args -> {
            String key = generator.keyOf(method, args);
            if (key == null) {
                throw new IllegalStateException("key generator " + generator.getClass().getName()
                    + " returned null for " + signature);
            }
            return key;
        };
    }

    /**
     * Creates a key generator through its public no-argument constructor.
     *
     * @param type the generator class
     * @param method the annotated method, for messages
     * @return a new generator
     * @throws IllegalArgumentException when it cannot be created, naming class, method and generator
     */
    static DogpileKeyGenerator instantiate(Class<? extends DogpileKeyGenerator> type, Method method) {
        String where = "@Dogpile on " + Signatures.of(method) + ": key generator " + type.getName();
        if (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(where + " is abstract; name a concrete class");
        }
        if (!java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(where + " must be a public class");
        }
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException missing) {
            throw new IllegalArgumentException(where + " needs a public no-argument constructor", missing);
        } catch (ReflectiveOperationException | RuntimeException failed) {
            Throwable cause = failed instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : failed;
            throw new IllegalArgumentException(where + " could not be created: " + cause, cause);
        }
    }
}
