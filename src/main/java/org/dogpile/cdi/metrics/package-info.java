/**
 * Metrics exporters of the CDI layer. {@link org.dogpile.cdi.metrics.MicrometerMetrics} is API
 * (usable without CDI: bind a {@link org.dogpile.engine.stats.StatsRecorder} to any Micrometer
 * registry); {@link org.dogpile.cdi.metrics.Observability} is internal, used by the CDI runtime.
 * Each exporter's classes are loaded only when its API is on the class path.
 */
package org.dogpile.cdi.metrics;
