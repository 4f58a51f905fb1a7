package org.dogpile.key;

/**
 * Lets a type of yours be used as (part of) a cache key.
 *
 * <p>Implement it on argument types that the key encoder does not support on its own (entities,
 * value objects, identifiers). The returned string stands for the value in the key:
 * <ul>
 * <li>it must be <b>the same in every JVM</b> for equal values: build it from the value's content
 *     (an id, a code, the fields that matter), never from {@code hashCode()},
 *     {@code System.identityHashCode}, {@code toString()} of objects that do not override it, or the
 *     iteration order of a {@code HashMap} or {@code HashSet};</li>
 * <li>it must <b>differ for values that must not share a cached result</b>;</li>
 * <li>it should be short: it is copied into every key that contains the value.</li>
 * </ul>
 *
 * <p>The class name is <em>not</em> added to the key, so a proxy or subclass of your type (such as
 * a JPA lazy-loading proxy) gets the same key as the real instance. If one parameter can receive
 * several {@code StableKey} types whose strings could coincide, put a type marker into the string
 * yourself (for example {@code "customer:" + id}).
 *
 * <p>A type implementing {@code StableKey} is encoded by this method even when it is also an enum,
 * a record or a collection.
 */
@FunctionalInterface
public interface StableKey {
    /**
     * Returns the string that stands for this value in cache keys.
     *
     * @return the stable key string; never {@code null}
     */
    String stableKey();
}
