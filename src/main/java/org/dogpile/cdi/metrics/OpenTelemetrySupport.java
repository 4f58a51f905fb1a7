package org.dogpile.cdi.metrics;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import org.dogpile.engine.stats.StatsRecorder;

/**
 * The only class of the CDI layer that looks for OpenTelemetry; loaded only when the OpenTelemetry
 * API is on the class path.
 */
final class OpenTelemetrySupport {

    /** The instrumentation scope of the library's instruments. */
    static final String SCOPE = "org.dogpile";

    private OpenTelemetrySupport() {
    }

    /**
     * Binds the stats to the application's {@code OpenTelemetry} bean (MicroProfile Telemetry 2:
     * WildFly's), if there is one.
     *
     * @param beanManager to find the bean
     * @param stats the counters
     * @return the binding, or {@code null} without an {@code OpenTelemetry} bean
     */
    static Observability.Exporter bind(BeanManager beanManager, StatsRecorder stats) {
        Instance<OpenTelemetry> beans = beanManager.createInstance().select(OpenTelemetry.class);
        if (!beans.isResolvable()) {
            return null;
        }
        OpenTelemetryMetrics metrics = OpenTelemetryMetrics.bind(stats, beans.get().getMeter(SCOPE));
        return new Observability.Exporter("OpenTelemetry (the application's OpenTelemetry bean)", metrics::close);
    }
}
