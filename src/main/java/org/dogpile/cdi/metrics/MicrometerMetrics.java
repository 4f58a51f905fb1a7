package org.dogpile.cdi.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.dogpile.engine.stats.DogpileCounter;
import org.dogpile.engine.stats.StatsRecorder;

/**
 * Publishes a {@link StatsRecorder}'s counters to a Micrometer {@link MeterRegistry}, one set of
 * meters per cache (tag {@code cache}), registered when the cache has its first event. The meters
 * read the recorder when the registry is scraped; recording stays a striped add.
 *
 * <p>Micrometer's cache conventions (as its Caffeine and JCache binders):
 * <ul>
 * <li>{@code cache.gets{result=hit}}: fresh + stale + local hits; {@code cache.gets{result=miss}}:
 *     waited misses + lock timeouts + regenerations on a caller's thread;</li>
 * <li>{@code cache.puts}: regenerations whose value was stored;</li>
 * <li>{@code cache.load{result=success|failure}}: regenerations; {@code cache.load.duration}: the
 *     total time the method ran in them.</li>
 * </ul>
 * {@code cache.evictions} is not published: evictions happen inside the store, out of the engine's
 * sight; explicit invalidations are {@code dogpile.invalidations.*}. Every other number is a
 * {@code dogpile.*} meter: a counter per {@link DogpileCounter} count (e.g. {@code dogpile.stale.hits},
 * {@code dogpile.lock.timeouts}, {@code dogpile.leases.lost}, {@code dogpile.store.failures}),
 * timers {@code dogpile.regeneration} and {@code dogpile.miss.wait} (count and total time) and
 * time gauges {@code dogpile.regeneration.max} and {@code dogpile.miss.wait.max}.
 */
public final class MicrometerMetrics implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MicrometerMetrics.class.getName());

    private final StatsRecorder recorder;
    private final MeterRegistry registry;
    private final Tags tags;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private MicrometerMetrics(StatsRecorder recorder, MeterRegistry registry, Tags tags) {
        this.recorder = recorder;
        this.registry = registry;
        this.tags = tags;
    }

    /**
     * Registers meters for every cache the recorder knows, and for each new one at its first event.
     *
     * @param recorder the counters
     * @param registry where meters go
     * @param extraTags tags added to every meter (e.g. the application name), may be empty
     * @return the binding; {@link #close()} removes its meters from the registry
     */
    public static MicrometerMetrics bind(StatsRecorder recorder, MeterRegistry registry, Iterable<Tag> extraTags) {
        MicrometerMetrics metrics = new MicrometerMetrics(Objects.requireNonNull(recorder, "recorder cannot be null"),
            Objects.requireNonNull(registry, "registry cannot be null"), Tags.of(Objects.requireNonNull(extraTags, "extraTags cannot be null")));
        recorder.addCacheObserver(metrics::bindCache);
        return metrics;
    }

    /** @return the registry the meters are in */
    public MeterRegistry registry() {
        return registry;
    }

    /** Registers one cache's meters, once; a registry that refuses them costs the metrics, not the call. */
    private void bindCache(String cache) {
        if (closed || !bound.add(cache)) {
            return;
        }
        try {
            register(cache);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "DOGPILE-4003: could not register the meters of cache '" + cache
                + "'; its counters stay readable through DogpileCaches.stats", e);
        }
    }

    private void register(String cache) {
        Tags cacheTags = tags.and("cache", cache);
        counter("cache.gets", cacheTags.and("result", "hit"), MeterTable.GETS,
            s -> s.snapshot(cache).hitCount());
        counter("cache.gets", cacheTags.and("result", "miss"), MeterTable.GETS,
            s -> s.snapshot(cache).missCount());
        counter("cache.puts", cacheTags, "regenerations whose value was stored",
            s -> Math.max(0, s.value(cache, DogpileCounter.REGENERATIONS) - s.value(cache, DogpileCounter.WRITES_REFUSED)));
        counter("cache.load", cacheTags.and("result", "success"), MeterTable.LOADS,
            s -> s.value(cache, DogpileCounter.REGENERATIONS));
        counter("cache.load", cacheTags.and("result", "failure"), MeterTable.LOADS,
            s -> s.value(cache, DogpileCounter.REGENERATIONS_FAILED));
        meters.add(TimeGauge.builder("cache.load.duration", recorder, TimeUnit.NANOSECONDS,
                s -> s.value(cache, DogpileCounter.REGENERATION_NANOS))
            .tags(cacheTags).description("the time the method ran in regenerations").register(registry));

        for (DogpileCounter counter : DogpileCounter.values()) {
            if (counter.kind() == DogpileCounter.Kind.COUNT) {
                counter("dogpile." + counter.metricName(), cacheTags, counter.description(), s -> s.value(cache, counter));
            }
        }
        timer("dogpile.regeneration", cacheTags, "regenerations, succeeded or failed, and the time the method ran", cache,
            s -> s.snapshot(cache).regenerationAttempts(), DogpileCounter.REGENERATION_NANOS);
        timer("dogpile.miss.wait", cacheTags, "callers without a value that waited, and how long", cache,
            s -> s.value(cache, DogpileCounter.MISSES_WAITED), DogpileCounter.MISS_WAIT_NANOS);
        maxGauge("dogpile.regeneration.max", cacheTags, DogpileCounter.REGENERATION_MAX_NANOS, cache);
        maxGauge("dogpile.miss.wait.max", cacheTags, DogpileCounter.MISS_WAIT_MAX_NANOS, cache);
    }

    private void counter(String name, Tags meterTags, String description, ToDoubleFunction<StatsRecorder> value) {
        meters.add(FunctionCounter.builder(name, recorder, value).tags(meterTags).description(description).register(registry));
    }

    private void timer(String name, Tags meterTags, String description, String cache,
            ToLongFunction<StatsRecorder> count, DogpileCounter totalNanos) {
        meters.add(FunctionTimer.builder(name, recorder, count,
                s -> s.value(cache, totalNanos), TimeUnit.NANOSECONDS)
            .tags(meterTags).description(description).register(registry));
    }

    private void maxGauge(String name, Tags meterTags, DogpileCounter maxNanos, String cache) {
        meters.add(TimeGauge.builder(name, recorder, TimeUnit.NANOSECONDS, s -> s.value(cache, maxNanos))
            .tags(meterTags).description(maxNanos.description()).register(registry));
    }

    /** Removes every meter this binding registered; later caches get none. */
    @Override
    public void close() {
        closed = true;
        for (Meter meter : meters) {
            registry.remove(meter);
        }
        meters.clear();
    }
}
