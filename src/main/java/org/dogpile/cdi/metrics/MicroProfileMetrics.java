package org.dogpile.cdi.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dogpile.engine.stats.StatsRecorder;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes a {@link StatsRecorder}'s counters to a MicroProfile Metrics 5 registry (Payara 6's
 * {@code /metrics}, application scope), one set of gauges per cache (tag {@code cache}),
 * registered at the cache's first event. The names are {@link MicrometerMetrics}'s:
 * {@code cache.gets{result=hit|miss}}, {@code cache.puts}, {@code cache.load{result=success|failure}},
 * {@code cache.load.duration} and a {@code dogpile.*} gauge per counter. MicroProfile Metrics 5
 * has no function counters, so every number is a gauge read when scraped (counts only grow; times
 * are in nanoseconds).
 */
public final class MicroProfileMetrics implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MicroProfileMetrics.class.getName());

    private final StatsRecorder recorder;
    private final MetricRegistry registry;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();
    private final List<MetricID> registered = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private MicroProfileMetrics(StatsRecorder recorder, MetricRegistry registry) {
        this.recorder = recorder;
        this.registry = registry;
    }

    /**
     * Registers gauges for every cache the recorder knows, and for each new one at its first event.
     *
     * @param recorder the counters
     * @param registry the application registry
     * @return the binding; {@link #close()} removes its gauges
     */
    public static MicroProfileMetrics bind(StatsRecorder recorder, MetricRegistry registry) {
        MicroProfileMetrics metrics = new MicroProfileMetrics(Objects.requireNonNull(recorder, "recorder cannot be null"),
            Objects.requireNonNull(registry, "registry cannot be null"));
        recorder.addCacheObserver(metrics::bindCache);
        return metrics;
    }

    private void bindCache(String cache) {
        if (closed || !bound.add(cache)) {
            return;
        }
        try {
            register(cache);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "DOGPILE-4004: could not register the gauges of cache '" + cache
                + "'; its counters stay readable through DogpileCaches.stats", e);
        }
    }

    private void register(String cache) {
        for (MeterTable.Meter meter : MeterTable.METERS) {
            Tag[] tags = meter.tagKey() == null
                ? new Tag[] {new Tag("cache", cache)}
                : new Tag[] {new Tag("cache", cache), new Tag(meter.tagKey(), meter.tagValue())};
            Metadata metadata = Metadata.builder().withName(meter.name()).withDescription(meter.description())
                .withUnit(meter.nanoseconds() ? MetricUnits.NANOSECONDS : MetricUnits.NONE).build();
            registry.gauge(metadata, recorder, s -> meter.value().applyAsLong(s, cache), tags);
            registered.add(new MetricID(meter.name(), tags));
        }
    }

    /** Removes every gauge this binding registered; later caches get none. */
    @Override
    public void close() {
        closed = true;
        for (MetricID id : registered) {
            registry.remove(id);
        }
        registered.clear();
    }
}
