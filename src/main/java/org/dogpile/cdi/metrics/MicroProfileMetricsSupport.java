package org.dogpile.cdi.metrics;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import org.dogpile.engine.stats.StatsRecorder;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The only class of the CDI layer that looks for a MicroProfile Metrics registry; loaded only when
 * the MicroProfile Metrics API is on the class path.
 */
final class MicroProfileMetricsSupport {

    private MicroProfileMetricsSupport() {
    }

    /**
     * Binds the stats to the application's {@code MetricRegistry} (the server's, on Payara), if
     * there is one.
     *
     * @param beanManager to find the registry
     * @param stats the counters
     * @return the binding, or {@code null} without a registry bean
     */
    static Observability.Exporter bind(BeanManager beanManager, StatsRecorder stats) {
        Instance<MetricRegistry> beans = beanManager.createInstance().select(MetricRegistry.class);
        if (!beans.isResolvable()) {
            return null;
        }
        MicroProfileMetrics metrics = MicroProfileMetrics.bind(stats, beans.get());
        return new Observability.Exporter("MicroProfile Metrics (the application registry)", metrics::close);
    }
}
