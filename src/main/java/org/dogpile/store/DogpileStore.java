package org.dogpile.store;

/**
 * Where a dogpile engine keeps entries and per-key regeneration locks: the store SPI.
 *
 * <p>Implementations: {@link InMemoryStore} (one JVM), {@code HazelcastStore} and {@code JCacheStore}
 * (shared by a cluster). A store for a cluster must give every member the same view of entries and
 * locks, and one clock ({@link #currentTimeMillis()}) that all members agree on closely enough for
 * expiry and leases.
 *
 * <p>Locks are leases, not thread-owned monitors: {@link #tryLock} never waits and returns a
 * {@link LockLease} that any thread may {@linkplain #release release}; a lease that ran out may be
 * taken over by another caller, and releasing it afterwards must not free the new owner's lock.
 * Waiting is the engine's job (see {@code DogpileEngine}), so stores stay simple.
 *
 * <p>All methods are thread-safe. Cache names and keys are non-null strings; a key is unique within
 * its cache only.
 */
public interface DogpileStore {

    /**
     * The store's clock, used for entry ages and lock leases.
     *
     * @return the current time in milliseconds (cluster time for a cluster store)
     */
    long currentTimeMillis();

    /**
     * Reads an entry.
     *
     * @param cache the cache name
     * @param key the key
     * @return the entry, or {@code null} when absent (never stored, removed, or past its hard TTL)
     */
    CacheEntry get(String cache, String key);

    /**
     * Stores an entry, replacing any other.
     *
     * @param cache the cache name
     * @param key the key
     * @param entry the entry
     * @param hardTtlMillis how long the store keeps the entry at most (and at least, unless evicted
     *     for memory); longer than the entry's expiration so that stale values can be served
     * @throws RuntimeException when the value cannot be stored, for example not serializable; the
     *     message names the value's type and the key
     */
    void put(String cache, String key, CacheEntry entry, long hardTtlMillis);

    /**
     * Hard invalidation of one key: removes its entry; the next callers wait for a new value.
     *
     * @param cache the cache name
     * @param key the key
     */
    void remove(String cache, String key);

    /**
     * Hard invalidation of a whole cache.
     *
     * @param cache the cache name
     */
    void removeAll(String cache);

    /**
     * Soft invalidation of one key: the entry stays but counts as stale, so the next caller
     * regenerates while the others keep getting the old value.
     *
     * @param cache the cache name
     * @param key the key
     * @return {@code true} when an entry was marked, {@code false} when there was none
     */
    boolean markStale(String cache, String key);

    /**
     * Soft invalidation of every entry of a cache.
     *
     * @param cache the cache name
     */
    void markAllStale(String cache);

    /**
     * Takes the key's regeneration lock without waiting.
     *
     * @param cache the cache name
     * @param key the key
     * @param leaseMillis how long the lock is held at most
     * @return the lease, or {@code null} when someone else holds the lock
     */
    LockLease tryLock(String cache, String key, long leaseMillis);

    /**
     * Releases a lock if the lease still owns it. Never throws because the lease ran out.
     *
     * @param lease the lease from {@link #tryLock}
     * @return {@code true} when released; {@code false} when the lease no longer owned the lock
     */
    boolean release(LockLease lease);
}
