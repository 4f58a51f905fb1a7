/**
 * JDK Flight Recorder events for the engine (API, plain Java, {@code jdk.jfr} only):
 * {@link org.dogpile.engine.jfr.JfrListener} turns engine events into flight-recorder events.
 */
package org.dogpile.engine.jfr;
