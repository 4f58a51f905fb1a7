package org.dogpile.store;

import java.util.Collection;

/**
 * The entries of a {@link DogpileStore}: a key-value table per cache with conditional writes. The
 * primitives are deliberately small; every rule (freshness, hard TTL, stale marking, fencing,
 * invalidation) lives above them, in the engine, once.
 *
 * <p>Conditional operations compare entries by write ({@link StoredEntry#sameWriteAs}), or, for a
 * store that encodes entries, by their stored form ({@link StoredEntry#raw()} when present). Every
 * method returns or throws within the store's own time bound: a store whose backend can block
 * (a network, a frozen cluster member) bounds each call and throws {@link StoreException} past it.
 * TTLs passed here are for cleanup only: the store keeps an entry at least that long (unless
 * evicted for memory) and may keep it longer; whether an entry may be served is decided by the
 * engine from {@link StoredEntry#removeAt()}.
 */
public interface EntryTable {

    /**
     * Whether entries stay in this JVM's heap, so values are kept as references instead of being
     * encoded by a value codec.
     *
     * @return {@code true} for in-heap stores
     */
    default boolean keepsReferences() {
        return false;
    }

    /**
     * Whether {@link #subscribe} delivers change events, so that engines may keep local copies.
     *
     * @return {@code true} when changes made anywhere are published
     */
    default boolean publishesChanges() {
        return false;
    }

    /**
     * Asks to hear about changes to a cache's entries made by any member (this one included):
     * writes, removals, expiry, eviction and clearing. Events arrive soon after the change, on a
     * thread of the store's; they may be late, and a store may lose some.
     *
     * @param cache the cache name
     * @param listener what to tell
     */
    default void subscribe(String cache, ChangeListener listener) {
        throw new UnsupportedOperationException("this store publishes no changes");
    }

    /** Hears about changes to a cache's entries. Must be fast and must not throw. */
    interface ChangeListener {
        /**
         * An entry changed or went away.
         *
         * @param key its key
         */
        void changed(String key);

        /** Every entry of the cache went away. */
        void cleared();
    }

    /**
     * Reads an entry.
     *
     * @param cache the cache name
     * @param key the key
     * @return the entry (of any kind, including {@linkplain StoredEntry#unreadable unreadable} ones),
     *     or {@code null}
     */
    StoredEntry get(String cache, String key);

    /**
     * Writes an entry if the key has none.
     *
     * @param cache the cache name
     * @param key the key
     * @param entry the entry
     * @param ttlMillis how long to keep it at least; positive
     * @return {@code true} when written
     */
    boolean putIfAbsent(String cache, String key, StoredEntry entry, long ttlMillis);

    /**
     * Replaces an entry if it is still {@code expected}.
     *
     * @param cache the cache name
     * @param key the key
     * @param expected the entry read before
     * @param replacement the new entry
     * @param ttlMillis how long to keep the new entry at least; positive
     * @return {@code true} when replaced
     */
    boolean replace(String cache, String key, StoredEntry expected, StoredEntry replacement, long ttlMillis);

    /**
     * Removes an entry if it is still {@code expected}.
     *
     * @param cache the cache name
     * @param key the key
     * @param expected the entry read before
     * @return {@code true} when removed
     */
    boolean remove(String cache, String key, StoredEntry expected);

    /**
     * Removes a key's entry, whatever it is.
     *
     * @param cache the cache name
     * @param key the key
     */
    void remove(String cache, String key);

    /**
     * Removes every entry of a cache.
     *
     * @param cache the cache name
     */
    void clear(String cache);

    /**
     * The keys of a cache at some moment.
     *
     * @param cache the cache name
     * @return the keys; may miss keys written concurrently
     */
    Collection<String> keys(String cache);

    /**
     * Keeps whatever entry the key has for another {@code ttlMillis} (at least); best effort. A store
     * may set the TTL to exactly that without reading the entry, so callers ask for no less than the
     * entry still needs.
     *
     * @param cache the cache name
     * @param key the key
     * @param ttlMillis how long to keep it from now; positive
     */
    void keep(String cache, String key, long ttlMillis);
}
