package org.dogpile.it.chaos;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.Dogpile;
import org.dogpile.engine.LockTimeoutFallback;

/**
 * The cached methods of the long-regeneration and freeze scenarios.
 *
 * <ul>
 * <li>{@link #slow}: a loader that runs three times its lease, for the lease renewal;</li>
 * <li>{@link #frozen}: a short loader that touches no Hazelcast structure, so that freezing a member
 *     shows only what the cache does (the other probes read and write maps whose partitions the
 *     frozen member may own);</li>
 * <li>{@link #after}: fresh for a minute, to check each member after the freeze.</li>
 * </ul>
 */
@ApplicationScoped
public class ScenarioValues {
    /** The cache of {@link #slow}. */
    public static final String SLOW = "chaos.slow";
    /** The lease of {@link #slow}, in milliseconds. */
    public static final long SLOW_LEASE_MILLIS = 2_000;
    /** How long the loader of {@link #slow} runs: three leases. */
    public static final long SLOW_WORK_MILLIS = 3 * SLOW_LEASE_MILLIS;
    /** How long a value of {@link #slow} stays fresh, in milliseconds. */
    public static final long SLOW_FRESH_MILLIS = 5_000;
    /** The cache of {@link #frozen}. */
    public static final String FROZEN = "chaos.frozen";
    /** How long the loader of {@link #frozen} runs, in milliseconds. */
    public static final long FROZEN_WORK_MILLIS = 50;
    /** The cache of {@link #after}. */
    public static final String AFTER = "chaos.after";

    @Inject
    RegenerationProbe probe;

    @Inject
    Generations generations;

    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong plainLoads = new AtomicLong();

    /** Creates the bean; the container does this. */
    public ScenarioValues() {
    }

    /**
     * Fresh for 5 s; regenerating takes 6 s, three times the 2 s lease. Callers without a value wait
     * up to 20 s.
     *
     * @param key the key
     * @return {@code key#generation#id}
     */
    @Dogpile(cache = SLOW, expireAfter = SLOW_FRESH_MILLIS, maxStale = 60_000, unit = TimeUnit.MILLISECONDS,
        leaseMillis = SLOW_LEASE_MILLIS, lockTimeoutMillis = 20_000, onLockTimeout = LockTimeoutFallback.THROW)
    public String slow(String key) {
        long generation = generations.next();
        String value = probe.regenerate(SLOW, key, Duration.ofMillis(SLOW_WORK_MILLIS));
        return key + "#" + generation + "#" + value.substring(value.indexOf('#') + 1);
    }

    /**
     * Fresh for 2 s, default lease and store bound, default fail-open; the loader takes 50 ms and
     * touches no Hazelcast structure.
     *
     * @param key the key
     * @return {@code key#pid-sequence}
     */
    @Dogpile(cache = FROZEN, expireAfter = 2_000, maxStale = 60_000, unit = TimeUnit.MILLISECONDS)
    public String frozen(String key) {
        return plainLoad(key, FROZEN_WORK_MILLIS);
    }

    /**
     * Fresh for a minute; the loader takes 20 ms and touches no Hazelcast structure.
     *
     * @param key the key
     * @return {@code key#pid-sequence}
     */
    @Dogpile(cache = AFTER, expireAfter = 60)
    public String after(String key) {
        return plainLoad(key, 20);
    }

    /** @return how often the loaders of {@link #frozen} and {@link #after} ran in this JVM */
    public long plainLoads() {
        return plainLoads.get();
    }

    private String plainLoad(String key, long millis) {
        plainLoads.incrementAndGet();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        return key + "#" + pid + "-" + sequence.incrementAndGet();
    }
}
