package org.dogpile.cdi;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an application's caches and locks live in a store that several applications share (two
 * WARs on one Payara, whose data grid is shared; several applications on one Hazelcast cluster):
 * under a namespace of their own, so that one application neither sees nor invalidates another's
 * entries, even with identical class names or cache names. Property {@value #PROPERTY}:
 * <ul>
 * <li>not set: the application's name (JNDI {@value #APP_NAME}, for a WAR its file name without
 *     {@code .war}); outside a container (Weld SE), no namespace;</li>
 * <li>a name ({@code [A-Za-z0-9][A-Za-z0-9._-]*}): that namespace; applications that set the same
 *     name share their caches and locks;</li>
 * <li>{@value #NONE}: no namespace, the store's plain names, shared with every other application
 *     that uses none (as before namespaces existed).</li>
 * </ul>
 * With a namespace {@code ns}, the Hazelcast store keeps cache {@code c} in map
 * {@code dogpile.ns.cache.c} and its locks in map {@code dogpile.ns.locks}; without one, in
 * {@code dogpile.cache.c} and {@code dogpile.locks}.
 */
final class Namespace {
    /** The configuration property. */
    static final String PROPERTY = "dogpile.namespace";
    /** The value that selects no namespace. */
    static final String NONE = "none";
    /** Where Jakarta EE containers bind the application's name. */
    static final String APP_NAME = "java:app/AppName";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern INVALID_CHARACTERS = Pattern.compile("[^A-Za-z0-9._-]");

    private Namespace() {
    }

    /**
     * @param config the configuration
     * @return the namespace, or empty for the store's plain names
     */
    static Optional<String> resolve(ConfigLookup config) {
        Optional<String> configured = config.value(PROPERTY).map(String::trim);
        if (configured.isPresent()) {
            return configured.filter(value -> !value.equals(NONE));
        }
        return Jndi.lookup(APP_NAME, String.class).map(Namespace::fromAppName);
    }

    /**
     * @param appName an application name as the container reports it
     * @return a namespace made of it: characters outside {@code [A-Za-z0-9._-]} become {@code _}
     */
    static String fromAppName(String appName) {
        String cleaned = INVALID_CHARACTERS.matcher(appName.trim()).replaceAll("_");
        return cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0)) ? "app" + cleaned : cleaned;
    }

    /**
     * @param namespace a namespace, or empty
     * @return the prefix of the cache maps' names
     */
    static String cacheMapPrefix(Optional<String> namespace) {
        return namespace.map(ns -> "dogpile." + ns + ".cache.").orElse("dogpile.cache.");
    }

    /**
     * @param namespace a namespace, or empty
     * @return the name of the lock map
     */
    static String lockMapName(Optional<String> namespace) {
        return namespace.map(ns -> "dogpile." + ns + ".locks").orElse("dogpile.locks");
    }

    /**
     * Checks a {@value #PROPERTY} value at deployment.
     *
     * @param config the configuration
     * @return a problem, or {@code null}
     */
    static String check(ConfigLookup config) {
        return config.value(PROPERTY)
            .map(String::trim)
            .filter(value -> !VALID.matcher(value).matches())
            .map(value -> "invalid value '" + value + "' of " + PROPERTY
                + ": expected a name of letters, digits, '.', '_' and '-', or " + NONE)
            .orElse(null);
    }
}
