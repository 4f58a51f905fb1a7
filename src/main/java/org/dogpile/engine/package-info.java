/**
 * The stampede-protection engine in plain Java: {@link org.dogpile.engine.DogpileEngine} with a
 * {@link org.dogpile.engine.DogpilePolicy} per call.
 *
 * <p><b>API, stable:</b> {@code DogpileEngine}'s {@code get}, {@code invalidate},
 * {@code invalidateSoftly}, {@code invalidateAll}, {@code invalidateAllSoftly} and {@code peek},
 * {@code DogpilePolicy}, {@code Loader}, {@code LockTimeoutFallback} and the exceptions.
 * <b>SPI, evolving:</b> {@link org.dogpile.engine.DogpileListener} (methods are added with empty
 * defaults). Construction of the engine is evolving until 1.0.
 *
 * <p>Depends on {@code org.dogpile.store} (the store SPI), {@code org.dogpile.codec} and
 * {@code org.dogpile.key} (key digests for log lines); never on the CDI layer.
 */
package org.dogpile.engine;
