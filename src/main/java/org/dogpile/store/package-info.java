/**
 * Where entries and locks live: the store SPI and the in-memory store.
 *
 * <p><b>SPI, evolving</b> (a second version is under way; it will be announced in the CHANGELOG):
 * {@link org.dogpile.store.DogpileStore}, {@link org.dogpile.store.CacheEntry},
 * {@link org.dogpile.store.LockLease}. <b>API, stable:</b> {@link org.dogpile.store.InMemoryStore}.
 *
 * <p><b>Internal:</b> {@code LockTable}, {@code OwnerTokenLocks} and {@code StoredEntry} are public
 * only so that the store implementations in the subpackages reach them; applications must not use
 * them, and they may change in any release.
 *
 * <p>Plain Java; depends on nothing else of the library.
 */
package org.dogpile.store;
