/**
 * Engine statistics (API, plain Java): {@link org.dogpile.engine.stats.StatsRecorder} counts what
 * the engine reports through its {@link org.dogpile.engine.DogpileListener} per cache,
 * {@link org.dogpile.engine.stats.DogpileStats} is an immutable snapshot of those counters (with
 * {@code minus} and {@code plus} for deltas and sums across caches or cluster members), and
 * {@link org.dogpile.engine.stats.CompositeListener} hands events to several listeners.
 * {@link org.dogpile.engine.stats.DogpileCounter} names every number for exporters.
 */
package org.dogpile.engine.stats;
