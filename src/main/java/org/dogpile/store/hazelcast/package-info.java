/**
 * The Hazelcast store: {@link org.dogpile.store.hazelcast.HazelcastStore}, entries in one
 * {@code IMap} per cache, time from the cluster clock.
 *
 * <p><b>API, stable</b> (its constructors); its behaviour follows the store SPI in
 * {@code org.dogpile.store}. Depends on {@code org.dogpile.store} and Hazelcast.
 */
package org.dogpile.store.hazelcast;
