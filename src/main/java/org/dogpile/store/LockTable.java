package org.dogpile.store;

/**
 * The atomic operations an owner-token lock needs from a key-value store: enough to build leased,
 * owner-checked locks on any map with put-if-absent, replace-if-equal and remove-if-equal
 * ({@code ConcurrentMap}, Hazelcast {@code IMap}, JCache {@code Cache}). See {@link OwnerTokenLocks}.
 *
 * <p>Values are {@linkplain LockLease#encoded() encoded leases}. An implementation may drop an entry
 * some time after its lease ran out (a store TTL) but never before. Every method returns or throws
 * {@link StoreException} within the store's time bound.
 */
public interface LockTable {

    /**
     * @param lockKey the lock's key
     * @return the stored value, or {@code null}
     */
    String get(String lockKey);

    /**
     * Stores the value if the key has none.
     *
     * @param lockKey the lock's key
     * @param value the encoded lease
     * @param ttlMillis how long the store should keep the entry at least (lease plus a margin)
     * @return {@code true} when stored
     */
    boolean putIfAbsent(String lockKey, String value, long ttlMillis);

    /**
     * Replaces the value only if it is still {@code expected} (renews a lease).
     *
     * @param lockKey the lock's key
     * @param expected the value that must be stored now
     * @param value the new encoded lease
     * @param ttlMillis how long the store should keep the entry at least
     * @return {@code true} when replaced
     */
    boolean replace(String lockKey, String expected, String value, long ttlMillis);

    /**
     * Removes the entry only if its value is still {@code expected}.
     *
     * @param lockKey the lock's key
     * @param expected the value that must be stored now
     * @return {@code true} when removed
     */
    boolean remove(String lockKey, String expected);
}
