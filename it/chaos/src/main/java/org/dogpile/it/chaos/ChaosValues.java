package org.dogpile.it.chaos;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.dogpile.Dogpile;
import org.dogpile.engine.LockTimeoutFallback;

/**
 * The application's cached methods. The kill rounds use {@link #round}: the default lease (5 s), a
 * lock timeout of 10 s, and a caller that times out gets an exception, so that a takeover that comes too
 * late shows up as an error. The soak uses {@link #fast} (foreground) and {@link #background}.
 */
@ApplicationScoped
public class ChaosValues {
    /** The cache of {@link #round}. */
    public static final String ROUND = "chaos.round";
    /** The cache of {@link #fast}. */
    public static final String FAST = "soak.fast";
    /** The cache of {@link #background}. */
    public static final String BACKGROUND = "soak.background";
    /** The lease of {@link #round}, in milliseconds: the default of {@link Dogpile#leaseMillis()}. */
    public static final long ROUND_LEASE_MILLIS = defaultLeaseMillis();
    /** The lock timeout of {@link #round}, in milliseconds. */
    public static final long ROUND_LOCK_TIMEOUT_MILLIS = 10_000;

    @Inject
    RegenerationProbe probe;

    /** Creates the bean; the container does this. */
    public ChaosValues() {
    }

    /**
     * A value that stays fresh for 500 ms; regenerating it takes 50 ms, unless the key is armed.
     *
     * @param key the key
     * @return the value
     */
    @Dogpile(cache = ROUND, expireAfter = 500, maxStale = 60_000, unit = TimeUnit.MILLISECONDS,
        lockTimeoutMillis = ROUND_LOCK_TIMEOUT_MILLIS,
        onLockTimeout = LockTimeoutFallback.THROW)
    public String round(String key) {
        return probe.regenerate(ROUND, key, Duration.ofMillis(50));
    }

    private static long defaultLeaseMillis() {
        try {
            return (Long) Dogpile.class.getMethod("leaseMillis").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("@Dogpile has no leaseMillis", e);
        }
    }

    /**
     * A value that stays fresh for 300 ms; regenerating it takes 1 to 20 ms.
     *
     * @param key the key
     * @return the value
     */
    @Dogpile(cache = FAST, expireAfter = 300, maxStale = 5_000, unit = TimeUnit.MILLISECONDS,
        leaseMillis = 10_000, lockTimeoutMillis = 8_000, onLockTimeout = LockTimeoutFallback.THROW)
    public String fast(int key) {
        return probe.regenerate(FAST, key, Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 21)));
    }

    /**
     * A value that stays fresh for 1 s and is regenerated in the background; regenerating it takes
     * 5 to 30 ms.
     *
     * @param key the key
     * @return the value
     */
    @Dogpile(cache = BACKGROUND, expireAfter = 1_000, maxStale = 5_000, unit = TimeUnit.MILLISECONDS,
        leaseMillis = 10_000, lockTimeoutMillis = 8_000, onLockTimeout = LockTimeoutFallback.THROW,
        background = true)
    public String background(int key) {
        return probe.regenerate(BACKGROUND, key, Duration.ofMillis(ThreadLocalRandom.current().nextInt(5, 31)));
    }
}
