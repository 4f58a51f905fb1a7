package org.dogpile.cdi.metrics;

import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Collection;
import java.util.Objects;
import org.dogpile.engine.DogpileListener;
import org.dogpile.engine.jfr.JfrListener;
import org.dogpile.engine.stats.CompositeListener;
import org.dogpile.engine.stats.StatsRecorder;

/**
 * What the CDI layer hears from its engine: a {@link StatsRecorder} (read by
 * {@code DogpileCaches.stats}), flight-recorder events ({@link JfrListener}), and one metrics
 * exporter when the application or its server offers one, first match:
 * <ol>
 * <li>a Micrometer {@code MeterRegistry} bean (an application's, or WildFly's micrometer subsystem);</li>
 * <li>a MicroProfile Metrics {@code MetricRegistry} bean (Payara 6);</li>
 * <li>an OpenTelemetry {@code OpenTelemetry} bean (MicroProfile Telemetry 2, WildFly's);</li>
 * <li>Micrometer on the class path: {@code Metrics.globalRegistry}.</li>
 * </ol>
 * Exporter classes are loaded only when their API is on the class path. One per application,
 * created and closed by the CDI runtime.
 */
public final class Observability implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Observability.class.getName());
    private static final String MICROMETER_CLASS = "io.micrometer.core.instrument.MeterRegistry";
    private static final String MP_METRICS_CLASS = "org.eclipse.microprofile.metrics.MetricRegistry";
    private static final String OPENTELEMETRY_CLASS = "io.opentelemetry.api.OpenTelemetry";

    /**
     * A running exporter.
     *
     * @param name what it exports to, for the log
     * @param onClose removes what it registered
     */
    record Exporter(String name, Runnable onClose) { }

    private final StatsRecorder stats;
    private final DogpileListener listener;
    private final Exporter exporter;

    private Observability(StatsRecorder stats, Exporter exporter) {
        this.stats = stats;
        this.listener = flightRecorderVisible() ? CompositeListener.of(stats, new JfrListener()) : stats;
        this.exporter = exporter;
    }

    /**
     * Whether the application sees {@code jdk.jfr}: WildFly hides that JDK module from deployments
     * unless {@code jboss-deployment-structure.xml} adds it, and an event class that cannot link would
     * fail the very calls it reports.
     */
    private static boolean flightRecorderVisible() {
        try {
            Class.forName("jdk.jfr.Event", false, Observability.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError hidden) {
            return false;
        }
    }

    /**
     * Creates the counters, registers the known caches (their meters start at zero) and binds the
     * exporter the application has.
     *
     * @param beanManager to find registry beans
     * @param classLoader the application's class loader, to see which metrics APIs it has
     * @param caches the cache names the deployment declared
     * @return the running observability
     */
    public static Observability start(BeanManager beanManager, ClassLoader classLoader, Collection<String> caches) {
        Objects.requireNonNull(beanManager, "beanManager cannot be null");
        StatsRecorder stats = new StatsRecorder();
        caches.forEach(stats::register);
        boolean micrometer = isPresent(MICROMETER_CLASS, classLoader);
        Exporter exporter = null;
        if (micrometer && MicrometerSupport.hasRegistryBean(beanManager)) {
            exporter = MicrometerSupport.bind(beanManager, stats);
        }
        if (exporter == null && isPresent(MP_METRICS_CLASS, classLoader)) {
            try {
                exporter = MicroProfileMetricsSupport.bind(beanManager, stats);
            } catch (RuntimeException refused) {
                // Payara's MetricRegistry producer needs an injection point and refuses a programmatic lookup
                LOG.log(System.Logger.Level.WARNING, () -> "DOGPILE-4006: the MicroProfile MetricRegistry could not be "
                    + "looked up; the counters stay readable through DogpileCaches.stats", refused);
            }
        }
        if (exporter == null && isPresent(OPENTELEMETRY_CLASS, classLoader)) {
            exporter = OpenTelemetrySupport.bind(beanManager, stats);
        }
        if (exporter == null && micrometer) {
            exporter = MicrometerSupport.bind(beanManager, stats);
        }
        if (exporter != null) {
            String name = exporter.name();
            LOG.log(System.Logger.Level.INFO, () -> "DOGPILE-4001: metrics go to " + name);
        }
        return new Observability(stats, exporter);
    }

    /** @return the listener to give the engine: the counters and the flight-recorder events */
    public DogpileListener listener() {
        return listener;
    }

    /** @return the counters */
    public StatsRecorder stats() {
        return stats;
    }

    /** Removes the exporter's meters; never throws. */
    @Override
    public void close() {
        if (exporter != null) {
            try {
                exporter.onClose().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "DOGPILE-4002: could not remove the metrics of " + exporter.name(), e);
            }
        }
    }

    private static boolean isPresent(String className, ClassLoader classLoader) {
        try {
            Class.forName(className, false, classLoader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
