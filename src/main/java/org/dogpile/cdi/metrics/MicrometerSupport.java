package org.dogpile.cdi.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;
import org.dogpile.engine.stats.StatsRecorder;

/**
 * The only class of the CDI layer that picks a Micrometer registry; loaded only when Micrometer is
 * on the class path.
 */
final class MicrometerSupport {

    private MicrometerSupport() {
    }

    /**
     * @param beanManager to find the application's registry
     * @return whether the application (or the server, as WildFly's micrometer subsystem does) has a
     *     {@code MeterRegistry} bean
     */
    static boolean hasRegistryBean(BeanManager beanManager) {
        return beanManager.createInstance().select(MeterRegistry.class).isResolvable();
    }

    /**
     * Binds the stats to the application's {@code MeterRegistry} bean, else to
     * {@link Metrics#globalRegistry}.
     *
     * @param beanManager to find the application's registry
     * @param stats the counters
     * @return the binding, closed with the application
     */
    static Observability.Exporter bind(BeanManager beanManager, StatsRecorder stats) {
        Instance<MeterRegistry> beans = beanManager.createInstance().select(MeterRegistry.class);
        boolean bean = beans.isResolvable();
        MeterRegistry registry = bean ? beans.get() : Metrics.globalRegistry;
        MicrometerMetrics metrics = MicrometerMetrics.bind(stats, registry, List.of());
        return new Observability.Exporter(bean ? "Micrometer (the application's MeterRegistry bean)"
            : "Micrometer (Metrics.globalRegistry)", metrics::close);
    }
}
