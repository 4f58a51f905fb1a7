/**
 * Where entries and locks live: the store SPI and the in-memory store.
 *
 * <p><b>SPI, evolving</b> (its second version is landing; changes are announced in the CHANGELOG):
 * {@link org.dogpile.store.DogpileStore} and the types in its signatures. <b>API, stable:</b>
 * {@link org.dogpile.store.InMemoryStore}.
 *
 * <p><b>Internal:</b> the helpers the store implementations share (lock tables, owner-token locks,
 * the entry format, bounded calls) are public only so that the implementations in the subpackages
 * reach them; applications must not use them, and they may change in any release.
 *
 * <p>Plain Java; depends on {@code org.dogpile.codec} at most.
 */
package org.dogpile.store;
