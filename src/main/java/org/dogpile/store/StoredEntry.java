package org.dogpile.store;

import java.io.Serializable;
import java.util.Objects;

/**
 * An entry together with the end of its hard TTL, for stores that enforce the TTL themselves
 * ({@link InMemoryStore}, and {@code JCacheStore}, since JCache has no per-entry TTL in its standard
 * API). A stored entry past {@link #removeAt()} must no longer be served.
 *
 * @param entry the cached entry
 * @param removeAt the end of its hard TTL, in milliseconds on the store's clock
 */
public record StoredEntry(CacheEntry entry, long removeAt) implements Serializable {

    /** Checks the entry. */
    public StoredEntry {
        Objects.requireNonNull(entry, "entry cannot be null");
    }

    /**
     * Wraps an entry that the store keeps for {@code hardTtlMillis} from {@code now}.
     *
     * @param entry the entry
     * @param now the store's current time in milliseconds
     * @param hardTtlMillis the hard TTL; positive
     * @return the stored entry
     */
    public static StoredEntry of(CacheEntry entry, long now, long hardTtlMillis) {
        Objects.requireNonNull(entry, "entry cannot be null");
        if (hardTtlMillis <= 0) {
            throw new IllegalArgumentException("hardTtlMillis must be positive: " + hardTtlMillis);
        }
        return new StoredEntry(entry, now + hardTtlMillis);
    }

    /**
     * @param now the store's current time in milliseconds
     * @return whether the hard TTL has run out
     */
    public boolean isGoneAt(long now) {
        return removeAt <= now;
    }

    /** @return this entry marked stale, with the same end of life */
    public StoredEntry asInvalidated() {
        return new StoredEntry(entry.asInvalidated(), removeAt);
    }
}
