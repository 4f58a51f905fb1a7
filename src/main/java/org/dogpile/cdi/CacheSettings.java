package org.dogpile.cdi;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.dogpile.Dogpile;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;

/**
 * Turns a {@link Dogpile} annotation plus the {@code dogpile.<cache>.<property>} overrides into a
 * {@link DogpilePolicy}, validating every value. Messages name the method and the wrong value.
 */
final class CacheSettings {

    /** The prefix of every property of this library. */
    static final String PREFIX = "dogpile.";
    /** The properties that may follow {@code dogpile.<cache>.}. */
    static final Set<String> PROPERTIES = Set.of("expire-after", "unit", "max-stale", "lock-timeout-millis",
        "on-lock-timeout", "lease-millis", "stale-if-error", "background", "cache-null", CodecSettings.PROPERTY);

    private CacheSettings() {
    }

    /**
     * The cache name of a method.
     *
     * @param annotation the effective annotation
     * @param method the method
     * @return {@link Dogpile#cache()}, or the method's signature when empty
     */
    static String cacheName(Dogpile annotation, Method method) {
        return annotation.cache().isEmpty() ? Signatures.of(method) : annotation.cache();
    }

    /**
     * Builds the policy of one method.
     *
     * @param annotation the effective annotation (on the method, or on its class)
     * @param method the method, for messages
     * @param cache the method's cache name
     * @param config where overrides come from
     * @return the validated policy
     * @throws IllegalArgumentException naming the method, the member or property, and the value
     */
    static DogpilePolicy policy(Dogpile annotation, Method method, String cache, ConfigLookup config) {
        Overrides o = new Overrides(method, cache, config);
        TimeUnit unit = o.get("unit", annotation.unit(), v -> TimeUnit.valueOf(v.trim().toUpperCase(Locale.ROOT)),
            "a TimeUnit name such as SECONDS");
        long expireAfter = o.getLong("expire-after", annotation.expireAfter());
        long maxStale = o.getLong("max-stale", annotation.maxStale());
        long lockTimeoutMillis = o.getLong("lock-timeout-millis", annotation.lockTimeoutMillis());
        LockTimeoutFallback onLockTimeout = o.get("on-lock-timeout", annotation.onLockTimeout(),
            v -> LockTimeoutFallback.valueOf(v.trim().toUpperCase(Locale.ROOT)), "CALL_WITHOUT_CACHING or THROW");
        long leaseMillis = o.getLong("lease-millis", annotation.leaseMillis());
        long staleIfError = o.getLong("stale-if-error", annotation.staleIfError());
        boolean background = o.getBoolean("background", annotation.background());
        boolean cacheNull = o.getBoolean("cache-null", annotation.cacheNull());

        String where = "@Dogpile on " + Signatures.of(method) + ": ";
        if (expireAfter <= 0) {
            throw new IllegalArgumentException(where + "expireAfter must be positive: " + expireAfter + " " + unit);
        }
        if (maxStale < -1) {
            throw new IllegalArgumentException(where + "maxStale must be -1 (same as expireAfter) or zero or more: "
                + maxStale + " " + unit);
        }
        if (lockTimeoutMillis <= 0) {
            throw new IllegalArgumentException(where + "lockTimeoutMillis must be positive: " + lockTimeoutMillis);
        }
        if (leaseMillis <= 0) {
            throw new IllegalArgumentException(where + "leaseMillis must be positive: " + leaseMillis);
        }
        if (staleIfError < 0) {
            throw new IllegalArgumentException(where + "staleIfError cannot be negative: " + staleIfError + " " + unit);
        }
        try {
            Duration expire = Duration.of(expireAfter, unit.toChronoUnit());
            return DogpilePolicy.expireAfter(expire)
                .withMaxStale(maxStale == -1 ? expire : Duration.of(maxStale, unit.toChronoUnit()))
                .withLockTimeout(Duration.ofMillis(lockTimeoutMillis), onLockTimeout)
                .withLease(Duration.ofMillis(leaseMillis))
                .withStaleIfError(Duration.of(staleIfError, unit.toChronoUnit()))
                .withBackground(background)
                .withCacheNull(cacheNull);
        } catch (ArithmeticException tooLong) {
            throw new IllegalArgumentException(where + "duration too long: expireAfter " + expireAfter
                + ", maxStale " + maxStale + ", staleIfError " + staleIfError + " " + unit, tooLong);
        }
    }

    /**
     * Finds properties under {@code dogpile.<cache>.} that this library does not know.
     *
     * @param caches every cache name of the deployment, with a method using it (for messages)
     * @param config the configuration
     * @return one message per unknown property
     */
    static List<String> unknownProperties(java.util.Map<String, Method> caches, ConfigLookup config) {
        List<String> problems = new ArrayList<>();
        for (String name : config.propertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String cache = longestCachePrefix(caches.keySet(), name);
            if (cache == null) {
                continue;
            }
            String property = name.substring(PREFIX.length() + cache.length() + 1);
            if (!PROPERTIES.contains(property)) {
                problems.add("unknown property " + name + " for cache '" + cache + "' of "
                    + Signatures.of(caches.get(cache)) + "; known properties: " + String.join(", ", sorted(PROPERTIES)));
            }
        }
        return problems;
    }

    private static String longestCachePrefix(Collection<String> caches, String name) {
        String best = null;
        for (String cache : caches) {
            if (name.startsWith(PREFIX + cache + ".") && (best == null || cache.length() > best.length())) {
                best = cache;
            }
        }
        return best;
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }

    /** Reads and parses the overrides of one cache. */
    private static final class Overrides {
        private final Method method;
        private final String cache;
        private final ConfigLookup config;

        Overrides(Method method, String cache, ConfigLookup config) {
            this.method = method;
            this.cache = cache;
            this.config = config;
        }

        <T> T get(String property, T annotated, Function<String, T> parse, String expected) {
            String name = PREFIX + cache + "." + property;
            Optional<String> value = config.value(name);
            if (value.isEmpty()) {
                return annotated;
            }
            try {
                return parse.apply(value.get());
            } catch (RuntimeException invalid) {
                throw new IllegalArgumentException("invalid value '" + value.get() + "' of " + name + " for "
                    + Signatures.of(method) + ": expected " + expected, invalid);
            }
        }

        long getLong(String property, long annotated) {
            return get(property, annotated, v -> Long.parseLong(v.trim()), "a whole number");
        }

        boolean getBoolean(String property, boolean annotated) {
            return get(property, annotated, v -> {
                String trimmed = v.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.equals("true") && !trimmed.equals("false")) {
                    throw new IllegalArgumentException(v);
                }
                return Boolean.parseBoolean(trimmed);
            }, "true or false");
        }
    }
}
