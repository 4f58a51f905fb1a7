package org.dogpile.engine.stats;

/**
 * What {@link StatsRecorder} counts per cache, one constant per number in a {@link DogpileStats}.
 * Exporters iterate over these to publish every number under a stable name.
 */
public enum DogpileCounter {

    /** Callers that got a fresh value. */
    FRESH_HITS("fresh.hits", Kind.COUNT, "callers that got a fresh value"),
    /** Callers that got a stale value while someone else regenerated it. */
    STALE_HITS("stale.hits", Kind.COUNT, "callers that got a stale value while another caller regenerated it"),
    /** Callers served from this JVM's local tier. */
    LOCAL_HITS("local.hits", Kind.COUNT, "callers served from this JVM's local tier"),
    /** Callers without a value that waited and got one computed by another caller. */
    MISSES_WAITED("misses.waited", Kind.COUNT, "callers without a value that waited for another caller's regeneration"),
    /** Total time callers without a value waited. */
    MISS_WAIT_NANOS("miss.wait.total", Kind.NANOS_TOTAL, "total time callers without a value waited"),
    /** Longest time a caller without a value waited. */
    MISS_WAIT_MAX_NANOS("miss.wait.max", Kind.NANOS_MAX, "longest time a caller without a value waited"),
    /** Regenerations whose loader returned a value. */
    REGENERATIONS("regenerations", Kind.COUNT, "regenerations whose method returned a value"),
    /** Regenerations whose loader threw. */
    REGENERATIONS_FAILED("regenerations.failed", Kind.COUNT, "regenerations whose method threw"),
    /** Regenerations that ran on the executor (succeeded or failed). */
    BACKGROUND_REGENERATIONS("regenerations.background", Kind.COUNT, "regenerations that ran on the executor"),
    /** Regenerations that ran on the executor and failed. */
    BACKGROUND_FAILURES("regenerations.background.failed", Kind.COUNT, "background regenerations whose method threw"),
    /** Total time the loader ran in regenerations. */
    REGENERATION_NANOS("regeneration.total", Kind.NANOS_TOTAL, "total time the method ran in regenerations"),
    /** Longest time the loader ran in one regeneration. */
    REGENERATION_MAX_NANOS("regeneration.max", Kind.NANOS_MAX, "longest time the method ran in one regeneration"),
    /** Callers without a value that did not get the lock within the lock timeout. */
    LOCK_TIMEOUTS("lock.timeouts", Kind.COUNT, "callers without a value that did not get the lock within the lock timeout"),
    /** Lock timeouts answered by calling the loader without caching. */
    LOCK_TIMEOUT_FALLBACK_CALLS("lock.timeouts.fallback.calls", Kind.COUNT, "lock timeouts answered by calling the method without caching"),
    /** Failed regenerations answered with the stale value (stale-if-error). */
    STALE_IF_ERROR("stale.if.error", Kind.COUNT, "failed regenerations answered with the stale value"),
    /** Lease renewals of running regenerations. */
    LEASES_RENEWED("leases.renewed", Kind.COUNT, "lease renewals of running regenerations"),
    /** Running regenerations that lost their lease. */
    LEASES_LOST("leases.lost", Kind.COUNT, "running regenerations that lost their lease"),
    /** Regeneration results not stored because the entry changed meanwhile. */
    WRITES_REFUSED("writes.refused", Kind.COUNT, "regeneration results not stored because the entry changed meanwhile"),
    /** Hard invalidations (remove), of one key or a whole cache. */
    HARD_INVALIDATIONS("invalidations.hard", Kind.COUNT, "hard invalidations, of one key or a whole cache"),
    /** Soft invalidations (mark stale), of one key or a whole cache. */
    SOFT_INVALIDATIONS("invalidations.soft", Kind.COUNT, "soft invalidations, of one key or a whole cache"),
    /** Invalidations of a whole cache, hard or soft. */
    WHOLE_CACHE_INVALIDATIONS("invalidations.all", Kind.COUNT, "invalidations of a whole cache, hard or soft"),
    /** Store operations that failed or took longer than their bound. */
    STORE_FAILURES("store.failures", Kind.COUNT, "store operations that failed or took longer than their bound"),
    /** Store failures answered by the method's own result without caching. */
    FAIL_OPEN_CALLS("store.failures.fail.open", Kind.COUNT, "store failures answered with the method's own result without caching");

    /** How a counter's numbers add up. */
    public enum Kind {
        /** A number of events: adds up. */
        COUNT,
        /** A sum of nanoseconds: adds up. */
        NANOS_TOTAL,
        /** A high-water mark in nanoseconds: the larger one wins. */
        NANOS_MAX
    }

    private final String metricName;
    private final Kind kind;
    private final String description;

    DogpileCounter(String metricName, Kind kind, String description) {
        this.metricName = metricName;
        this.kind = kind;
        this.description = description;
    }

    /** @return the dotted name exporters publish this counter under, after their prefix (e.g. {@code stale.hits}) */
    public String metricName() {
        return metricName;
    }

    /** @return how this counter's numbers add up */
    public Kind kind() {
        return kind;
    }

    /** @return a one-line description for exporters */
    public String description() {
        return description;
    }
}
