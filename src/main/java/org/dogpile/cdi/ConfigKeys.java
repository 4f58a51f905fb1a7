package org.dogpile.cdi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dogpile.key.KeyDigest;
import org.dogpile.store.BoundedCalls;
import org.dogpile.store.hazelcast.ClusterClient;
import org.dogpile.store.hazelcast.EmbeddedMember;

/**
 * Every configuration key of this library, and the deployment check that rejects the others: a
 * {@code dogpile.*} key (or its environment-variable form {@code DOGPILE_*}) that is not one of
 * these fails the deployment, naming the key. Keys under {@code dogpile.test.} and
 * {@code dogpile.it.} are reserved for the library's own test suites and not checked.
 */
final class ConfigKeys {

    /** {@code false} turns caching off: intercepted calls go straight to the method. */
    static final String ENABLED = "dogpile.enabled";
    /** Where values live: {@code memory}, {@code hazelcast} or {@code jcache}. */
    static final String STORE = "dogpile.store";
    /** The class name of the JCache {@code CachingProvider} for {@code dogpile.store=jcache}. */
    static final String JCACHE_PROVIDER = "dogpile.jcache.provider";
    /** The keys that belong to no cache. Parts of the library that read a key of their own add it here. */
    static final List<String> GLOBAL = List.of(ENABLED, STORE, JCACHE_PROVIDER, KeyDigest.LOG_KEYS_PROPERTY,
        BoundedCalls.TIMEOUT_PROPERTY, Namespace.PROPERTY, AfterCommitInvalidations.TIMING_PROPERTY,
        CodecSettings.CODEC, CodecSettings.ALLOW, EmbeddedMember.CLUSTER_NAME, EmbeddedMember.MAX_ENTRIES,
        EmbeddedMember.CONFIG, ClusterClient.CONFIG);
    private static final List<String> RESERVED = List.of("dogpile.test.", "dogpile.it.");

    private ConfigKeys() {
    }

    /**
     * @param key a key
     * @return the name of its environment variable: every character other than a letter or digit
     *     replaced by {@code _}, upper case (as MicroProfile Config looks it up)
     */
    static String environmentName(String key) {
        return ConfigLookup.sanitize(key).toUpperCase(Locale.ROOT);
    }

    /**
     * Finds the keys of the configuration that this library does not know, and short cache names
     * that are set but name several caches.
     *
     * @param config the configuration
     * @param caches every cache name of the deployment, with a method using it
     * @return one message per problem
     */
    static List<String> problems(ConfigLookup config, Map<String, CachedMethod> caches) {
        Map<String, String> known = new LinkedHashMap<>(); // key or environment name -> what it configures
        GLOBAL.forEach(key -> known.put(key, key));
        CacheSettings.MEMBERS.forEach(member -> known.put(CacheSettings.DEFAULTS + member, "the defaults"));
        Map<String, Set<String>> shortNames = new HashMap<>();
        caches.forEach((cache, method) -> {
            CacheSettings.MEMBERS.forEach(member -> known.put(CacheSettings.PREFIX + cache + "." + member,
                "cache '" + cache + "'"));
            if (method.shortName() != null) {
                shortNames.computeIfAbsent(method.shortName(), s -> new TreeSet<>()).add(cache);
            }
        });
        Map<String, String> ambiguous = new HashMap<>();
        shortNames.forEach((shortName, named) -> {
            Set<String> all = new TreeSet<>(named);
            if (caches.containsKey(shortName)) {
                all.add(shortName);
            }
            CacheSettings.MEMBERS.forEach(member -> {
                String key = CacheSettings.PREFIX + shortName + "." + member;
                if (all.size() == 1) {
                    known.putIfAbsent(key, "cache '" + all.iterator().next() + "'");
                } else {
                    ambiguous.put(key, "caches " + String.join(", ", all));
                }
            });
        });
        Map<String, String> byEnvironmentName = new HashMap<>();
        known.keySet().forEach(key -> byEnvironmentName.put(environmentName(key), key));
        ambiguous.keySet().forEach(key -> byEnvironmentName.put(environmentName(key), key));

        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : config.propertyNames()) {
            if (!seen.add(name) || !isOurs(name) || known.containsKey(name)) {
                continue;
            }
            // an environment variable, listed by its own name or (SmallRye) in a dotted lower-case form:
            // it counts for the key it stands for when looking that key up finds a value
            String key = ambiguous.containsKey(name) ? name : byEnvironmentName.get(environmentName(name));
            boolean standsForKey = key != null && (key.equals(name) || config.value(key).isPresent());
            String shown = key == null || key.equals(name) ? name : name + " (" + key + ")";
            if (standsForKey && ambiguous.containsKey(key)) {
                problems.add("ambiguous key " + shown + ": the short name fits " + ambiguous.get(key)
                    + "; use dogpile.<cache>.<member> with the full cache name");
            } else if (!standsForKey) {
                problems.add(unknown(name, caches));
            }
        }
        return problems;
    }

    private static boolean isOurs(String name) {
        if (name.startsWith(CacheSettings.PREFIX)) {
            return RESERVED.stream().noneMatch(name::startsWith);
        }
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("DOGPILE_") && RESERVED.stream().map(ConfigKeys::environmentName)
            .noneMatch(upper::startsWith);
    }

    private static String unknown(String name, Map<String, CachedMethod> caches) {
        String cache = longestCachePrefix(caches.keySet(), name);
        if (cache != null) {
            return "unknown property " + name + " for cache '" + cache + "' of "
                + Signatures.of(caches.get(cache).method()) + "; known properties: "
                + String.join(", ", new TreeSet<>(CacheSettings.MEMBERS));
        }
        return "unknown configuration key " + name + "; known keys: " + String.join(", ", GLOBAL)
            + ", dogpile.defaults.<member> and dogpile.<cache>.<member> with <cache> one of " + caches.keySet()
            + " and <member> one of " + CacheSettings.MEMBERS;
    }

    private static String longestCachePrefix(Set<String> caches, String key) {
        String best = null;
        for (String cache : caches) {
            if (key.startsWith(CacheSettings.PREFIX + cache + ".") && (best == null || cache.length() > best.length())) {
                best = cache;
            }
        }
        return best;
    }
}
