package org.dogpile.key;

/**
 * A value, or the declared type of a parameter, cannot be encoded into a stable cache key.
 *
 * <p>Thrown at deployment by {@link ArgumentKeys#forMethod} (the message names the declaring class,
 * the method and every offending parameter with its index, name and type) and per call by
 * {@link ArgumentKeys#keyOf} and {@link KeyEncoder#encode} (the message names the value's type and
 * where it sits inside the argument). The messages of {@link ArgumentKeys} end with the ways out:
 * implement {@link StableKey} on the unsupported type, annotate only the parameters that form the key
 * with {@code @org.dogpile.DogpileKey}, or use a custom key generator.
 */
public class KeyEncodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what cannot be encoded, and where
     */
    public KeyEncodingException(String message) {
        super(message);
    }

    /**
     * @param message what cannot be encoded, and where
     * @param cause the underlying failure (for example an exception thrown by a record accessor or
     *     by {@link StableKey#stableKey()}), or {@code null}
     */
    public KeyEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
