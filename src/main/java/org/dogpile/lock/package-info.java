/**
 * The original dogpile lock for one JVM: {@link org.dogpile.lock.DogpileLock},
 * {@link org.dogpile.lock.SyncReaderDogpileLock} and {@link org.dogpile.lock.NeedRegenerationException}.
 *
 * <p><b>API, stable.</b> Plain Java; depends on nothing else of the library.
 */
package org.dogpile.lock;
