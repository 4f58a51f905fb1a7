package org.dogpile.engine;

/**
 * Computes a value for the engine: the expensive call being protected.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface Loader<V> {
    /**
     * Computes the value.
     *
     * @return the value; may be {@code null}
     * @throws Exception any failure; the engine passes it unchanged to the caller that ran the loader
     *     and to the callers in this JVM that waited for that same attempt
     */
    V load() throws Exception;
}
