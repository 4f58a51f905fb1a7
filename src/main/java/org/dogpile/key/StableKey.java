package org.dogpile.key;

/** A value that supplies its own key text, equal in every JVM for equal values. */
public interface StableKey {
    /** @return the key text */
    String stableKey();
}
