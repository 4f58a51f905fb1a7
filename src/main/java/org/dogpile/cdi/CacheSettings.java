package org.dogpile.cdi;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dogpile.Dogpile;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.engine.StoreFailureFallback;

/**
 * Turns a {@link Dogpile} annotation plus the configuration into a {@link DogpilePolicy}, validating
 * every value. For each member the first key that is set wins:
 * <ol>
 * <li>{@code dogpile.<cache>.<member>}, the cache's own name (for a default-named cache, the full
 *     signature such as {@code com.acme.PriceService#prices(java.lang.String)});</li>
 * <li>{@code dogpile.<Class>.<method>.<member>}, the short name of a default-named cache (simple class
 *     name and method name, e.g. {@code dogpile.PriceService.prices.expire-after}; as an environment
 *     variable {@code DOGPILE_PRICESERVICE_PRICES_EXPIRE_AFTER});</li>
 * <li>{@code dogpile.defaults.<member>}, for every cache;</li>
 * <li>the annotation.</li>
 * </ol>
 * Durations are written {@code 30s}, {@code 500ms}, {@code 5m}, {@code 2h}, {@code 1d} or in ISO-8601
 * ({@code PT30S}); a bare number counts in {@code unit} ({@code expire-after}, {@code max-stale},
 * {@code stale-if-error}) or in milliseconds ({@code lock-timeout}, {@code lease}), as the annotation's
 * members do. Messages name the method, the key and the wrong value.
 */
final class CacheSettings {

    /** The prefix of every key of this library. */
    static final String PREFIX = "dogpile.";
    /** The prefix of the defaults for every cache. */
    static final String DEFAULTS = PREFIX + "defaults.";
    /** The members that may follow {@code dogpile.<cache>.} or {@code dogpile.defaults.}. */
    static final List<String> MEMBERS = List.of("expire-after", "unit", "max-stale", "lock-timeout",
        "on-lock-timeout", "lease", "stale-if-error", "background", "cache-null", "on-store-failure", "local-ttl",
        "early-refresh");

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE = Pattern.compile("-?\\d+");
    private static final String DURATION = "a duration such as 30s, 500ms, 5m or PT30S";

    private CacheSettings() {
    }

    /**
     * The cache name of a method of a bean.
     *
     * @param annotation the effective annotation
     * @param beanClass the bean class
     * @param method the method
     * @return {@link Dogpile#cache()}, or the bean class and method signature when empty
     */
    static String cacheName(Dogpile annotation, Class<?> beanClass, Method method) {
        return annotation.cache().isEmpty() ? Signatures.of(beanClass, method) : annotation.cache();
    }

    /**
     * The short name under which a default-named cache is also configured.
     *
     * @param annotation the effective annotation
     * @param beanClass the bean class
     * @param method the method
     * @return {@code SimpleClass.method}, or {@code null} for a cache named in the annotation
     */
    static String shortName(Dogpile annotation, Class<?> beanClass, Method method) {
        return annotation.cache().isEmpty() ? beanClass.getSimpleName() + "." + method.getName() : null;
    }

    /**
     * Builds the policy of one method.
     *
     * @param annotation the effective annotation (on the method, or on its class)
     * @param method the method, for messages
     * @param cache the method's cache name
     * @param shortName the short name of a default-named cache, or {@code null}
     * @param config the configuration
     * @return the validated policy
     * @throws IllegalArgumentException naming the method, the member or key, and the value
     */
    static DogpilePolicy policy(Dogpile annotation, Method method, String cache, String shortName,
            ConfigLookup config) {
        Keys keys = new Keys(method, cache, shortName, config);
        TimeUnit unit = keys.get("unit", v -> TimeUnit.valueOf(v.trim().toUpperCase(Locale.ROOT)),
            "a TimeUnit name such as SECONDS").orElse(annotation.unit());
        Setting expireAfter = keys.duration("expire-after", unit).orElse(Setting.of(annotation.expireAfter(), unit));
        Setting maxStale = keys.duration("max-stale", unit).orElse(Setting.of(annotation.maxStale(), unit));
        Setting lockTimeout = keys.duration("lock-timeout", TimeUnit.MILLISECONDS)
            .orElse(Setting.of(annotation.lockTimeoutMillis(), TimeUnit.MILLISECONDS));
        LockTimeoutFallback onLockTimeout = keys.get("on-lock-timeout",
            v -> LockTimeoutFallback.valueOf(v.trim().toUpperCase(Locale.ROOT)), "CALL_WITHOUT_CACHING or THROW")
            .orElse(annotation.onLockTimeout());
        Setting lease = keys.duration("lease", TimeUnit.MILLISECONDS)
            .orElse(Setting.of(annotation.leaseMillis(), TimeUnit.MILLISECONDS));
        Setting staleIfError = keys.duration("stale-if-error", unit).orElse(Setting.of(annotation.staleIfError(), unit));
        boolean background = keys.bool("background").orElse(annotation.background());
        boolean cacheNull = keys.bool("cache-null").orElse(annotation.cacheNull());
        StoreFailureFallback onStoreFailure = keys.get("on-store-failure",
            v -> StoreFailureFallback.valueOf(v.trim().toUpperCase(Locale.ROOT)), "CALL_WITHOUT_CACHING or THROW")
            .orElse(annotation.onStoreFailure());
        Setting localTtl = keys.duration("local-ttl", TimeUnit.MILLISECONDS)
            .orElse(Setting.of(annotation.localTtlMillis(), TimeUnit.MILLISECONDS));
        double earlyRefresh = keys.get("early-refresh", v -> Double.parseDouble(v.trim()), "a number from 0 to 100")
            .orElse(annotation.earlyRefresh());

        String where = "@Dogpile on " + Signatures.of(method) + ": ";
        if (!expireAfter.positive()) {
            throw new IllegalArgumentException(where + "expireAfter must be positive: " + expireAfter);
        }
        if (maxStale.value().isNegative() && !maxStale.minusOne()) {
            throw new IllegalArgumentException(where + "maxStale must be -1 (same as expireAfter) or zero or more: "
                + maxStale);
        }
        if (!lockTimeout.positive()) {
            throw new IllegalArgumentException(where + "lockTimeoutMillis must be positive: " + lockTimeout);
        }
        if (!lease.positive()) {
            throw new IllegalArgumentException(where + "leaseMillis must be positive: " + lease);
        }
        if (staleIfError.value().isNegative()) {
            throw new IllegalArgumentException(where + "staleIfError cannot be negative: " + staleIfError);
        }
        if (localTtl.value().isNegative()) {
            throw new IllegalArgumentException(where + "localTtlMillis cannot be negative: " + localTtl);
        }
        if (!(earlyRefresh >= 0 && earlyRefresh <= 100)) {
            throw new IllegalArgumentException(where + "earlyRefresh must be between 0 and 100: " + earlyRefresh);
        }
        try {
            return DogpilePolicy.expireAfter(expireAfter.value())
                .withMaxStale(maxStale.minusOne() ? expireAfter.value() : maxStale.value())
                .withLockTimeout(lockTimeout.value(), onLockTimeout)
                .withLease(lease.value())
                .withStaleIfError(staleIfError.value())
                .withBackground(background)
                .withCacheNull(cacheNull)
                .withStoreFailure(onStoreFailure)
                .withLocalTtl(localTtl.value())
                .withEarlyRefresh(earlyRefresh);
        } catch (IllegalArgumentException outOfRange) {
            throw new IllegalArgumentException(where + outOfRange.getMessage(), outOfRange);
        }
    }

    /**
     * Parses a duration.
     *
     * @param text {@code 30s}, {@code 500ms}, {@code 5m}, {@code 2h}, {@code 1d}, ISO-8601 ({@code PT30S}),
     *     or a whole number of {@code bareUnit}
     * @param bareUnit the unit of a bare number
     * @return the duration
     * @throws IllegalArgumentException when it is none of these, or too long
     */
    static Duration parseDuration(String text, TimeUnit bareUnit) {
        String value = text.trim();
        try {
            if (BARE.matcher(value).matches()) {
                return Duration.of(Long.parseLong(value), bareUnit.toChronoUnit());
            }
            Matcher withUnit = WITH_UNIT.matcher(value);
            if (withUnit.matches()) {
                long amount = Long.parseLong(withUnit.group(1));
                switch (withUnit.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms": return Duration.ofMillis(amount);
                    case "s": return Duration.ofSeconds(amount);
                    case "m": return Duration.ofMinutes(amount);
                    case "h": return Duration.ofHours(amount);
                    default: return Duration.ofDays(amount);
                }
            }
            if (value.startsWith("P") || value.startsWith("p") || value.startsWith("-P")) {
                return Duration.parse(value);
            }
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException tooLongOrWrong) {
            throw new IllegalArgumentException("not a duration: " + text, tooLongOrWrong);
        }
        throw new IllegalArgumentException("not a duration: " + text);
    }

    /** A duration with how it was written, for messages; {@code minusOne} for max-stale's "same as expireAfter". */
    private record Setting(Duration value, String written, boolean minusOne) {
        static Setting of(long amount, TimeUnit unit) {
            try {
                return new Setting(Duration.of(amount, unit.toChronoUnit()), amount + " " + unit, amount == -1);
            } catch (ArithmeticException tooLong) {
                throw new IllegalArgumentException("duration too long: " + amount + " " + unit, tooLong);
            }
        }

        boolean positive() {
            return !value.isNegative() && !value.isZero();
        }

        @Override
        public String toString() {
            return written;
        }
    }

    /** A key that is set, with its value. */
    private record Found(String key, String value) { }

    /** Looks up the keys of one cache in precedence order and parses their values. */
    private static final class Keys {
        private final Method method;
        private final List<String> prefixes;
        private final ConfigLookup config;

        Keys(Method method, String cache, String shortName, ConfigLookup config) {
            this.method = method;
            this.prefixes = shortName == null ? List.of(PREFIX + cache + ".", DEFAULTS)
                : List.of(PREFIX + cache + ".", PREFIX + shortName + ".", DEFAULTS);
            this.config = config;
        }

        private Optional<Found> find(String member) {
            for (String prefix : prefixes) {
                Optional<String> value = config.value(prefix + member);
                if (value.isPresent()) {
                    return Optional.of(new Found(prefix + member, value.get()));
                }
            }
            return Optional.empty();
        }

        private <T> T parse(Found found, Function<String, T> parse, String expected) {
            try {
                return parse.apply(found.value());
            } catch (RuntimeException invalid) {
                throw new IllegalArgumentException("invalid value '" + found.value() + "' of " + found.key() + " for "
                    + Signatures.of(method) + ": expected " + expected, invalid);
            }
        }

        <T> Optional<T> get(String member, Function<String, T> parse, String expected) {
            return find(member).map(found -> parse(found, parse, expected));
        }

        Optional<Setting> duration(String member, TimeUnit bareUnit) {
            return find(member).map(found -> {
                Duration parsed = parse(found, v -> parseDuration(v, bareUnit),
                    DURATION + ", or a whole number of " + bareUnit.name().toLowerCase(Locale.ROOT));
                String text = found.value().trim();
                String written = BARE.matcher(text).matches() ? text + " " + bareUnit : text;
                return new Setting(parsed, written + " (" + found.key() + ")", text.equals("-1"));
            });
        }

        /** Booleans go through the source's converter (MicroProfile Config's, when present). */
        Optional<Boolean> bool(String member) {
            return find(member).map(found -> parse(found, v -> config.booleanValue(found.key()).orElseThrow(),
                "true or false (also yes/no, on/off, 1/0)"));
        }
    }
}
