package org.dogpile.store.jcache;

import java.io.Serializable;
import java.util.Objects;
import org.dogpile.store.CacheEntry;

/**
 * What {@link JCacheStore} keeps under a key: the entry and the instant (store clock) from which it
 * must no longer be served, because JCache has no per-entry TTL in its standard API.
 *
 * @param entry the cached entry
 * @param removeAt the end of its hard TTL, in milliseconds on the store's clock
 */
record StoredEntry(CacheEntry entry, long removeAt) implements Serializable {

    StoredEntry {
        Objects.requireNonNull(entry, "entry cannot be null");
    }

    /** @return this entry marked stale, with the same end of life */
    StoredEntry asInvalidated() {
        return new StoredEntry(entry.asInvalidated(), removeAt);
    }
}
