/**
 * Cache keys from method arguments: canonical, deterministic strings that are equal in every JVM
 * for equal arguments and different for different ones.
 *
 * <p>{@link org.dogpile.key.ArgumentKeys} selects a method's key parameters, validates their types
 * once and builds the key of each call; its documentation lists the key rules.
 * {@link org.dogpile.key.KeyEncoder} encodes single values and documents the grammar.
 * {@link org.dogpile.key.StableKey} lets your own types take part in keys. Plain Java: no container
 * or store is needed.
 *
 * <p><b>API, stable:</b> the key rules and the encoding (a change changes every stored key, so it
 * waits for a major version). {@code TypeCheck} is internal. Depends on nothing else of the library.
 */
package org.dogpile.key;
