package org.dogpile.store;

/**
 * Where a dogpile engine keeps entries and per-key regeneration locks: the store SPI, three
 * primitives and nothing else.
 *
 * <ul>
 * <li>a clock, {@link #currentTimeMillis()}, that every member of a cluster agrees on closely
 *     enough for ages and leases (cluster time on Hazelcast);</li>
 * <li>an {@link EntryTable}: read, conditional writes, remove, clear, TTL;</li>
 * <li>a {@link LockTable}: the three-and-a-bit atomic operations {@link OwnerTokenLocks} builds
 *     leased, owner-checked locks from.</li>
 * </ul>
 * Implementations: {@link InMemoryStore} (one JVM), {@code HazelcastStore} and {@code JCacheStore}
 * (shared by a cluster): thin adapters. Every rule lives in the engine. All methods are
 * thread-safe; cache names and keys are non-null strings, a key unique within its cache only.
 */
public interface DogpileStore {

    /**
     * The store's clock, used for entry ages and lock leases.
     *
     * @return the current time in milliseconds (cluster time for a cluster store)
     */
    long currentTimeMillis();

    /** @return the entries */
    EntryTable entries();

    /** @return the regeneration locks */
    LockTable locks();
}
