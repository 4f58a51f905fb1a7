package org.dogpile.cdi;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where configuration comes from: MicroProfile Config when it is on the class path (with its own
 * sources, precedence and converters), otherwise the system properties and then the environment
 * variables, looked up as MicroProfile Config does (the name as it is, then with every character
 * other than a letter or digit replaced by {@code _}, then that in upper case). Keeps every
 * MicroProfile Config type inside {@link MicroProfileConfigLookup}, so the library runs without it.
 */
interface ConfigLookup {

    /**
     * @param name a property name
     * @return its value, if set
     */
    Optional<String> value(String name);

    /**
     * A boolean value: with MicroProfile Config its converter decides ({@code true}, {@code 1},
     * {@code yes}, {@code y} and {@code on} are true, in any case); otherwise the same words are true,
     * {@code false}, {@code 0}, {@code no}, {@code n} and {@code off} are false, and anything else is
     * rejected.
     *
     * @param name a property name
     * @return its value, if set
     * @throws IllegalArgumentException when the value is not a boolean
     */
    default Optional<Boolean> booleanValue(String name) {
        return value(name).map(ConfigLookup::parseBoolean);
    }

    /** @return every property name known to the source (environment variables by their own names) */
    Iterable<String> propertyNames();

    /**
     * The lookup for an application.
     *
     * @param classLoader the application's class loader
     * @return MicroProfile Config when present, otherwise the system properties and the environment
     */
    static ConfigLookup detect(ClassLoader classLoader) {
        if (isPresent("org.eclipse.microprofile.config.ConfigProvider", classLoader)) {
            return MicroProfileConfigLookup.create(classLoader);
        }
        return of(System.getProperties(), System.getenv());
    }

    /**
     * A lookup on given system properties and environment variables.
     *
     * @param properties looked up first, by exact name
     * @param environment looked up next, by the names MicroProfile Config tries
     * @return the lookup
     */
    static ConfigLookup of(Properties properties, Map<String, String> environment) {
        return new ConfigLookup() {
            @Override
            public Optional<String> value(String name) {
                String value = properties.getProperty(name);
                if (value != null) {
                    return Optional.of(value);
                }
                String sanitized = sanitize(name);
                for (String candidate : new String[] {name, sanitized, sanitized.toUpperCase(Locale.ROOT)}) {
                    value = environment.get(candidate);
                    if (value != null) {
                        return Optional.of(value);
                    }
                }
                return Optional.empty();
            }

            @Override
            public Iterable<String> propertyNames() {
                Set<String> names = new LinkedHashSet<>(properties.stringPropertyNames());
                names.addAll(environment.keySet());
                return names;
            }
        };
    }

    /**
     * @param name a property name
     * @return the name with every character other than an ASCII letter or digit replaced by {@code _}
     */
    static String sanitize(String name) {
        StringBuilder sanitized = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sanitized.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        return sanitized.toString();
    }

    /**
     * Parses a boolean as MicroProfile Config's converter reads true values, rejecting what is neither.
     *
     * @param value the value
     * @return the boolean
     * @throws IllegalArgumentException when the value is not a boolean
     */
    static boolean parseBoolean(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "y": case "on":
                return true;
            case "false": case "0": case "no": case "n": case "off":
                return false;
            default:
                throw new IllegalArgumentException("not a boolean: " + value);
        }
    }

    /**
     * @param className a class name
     * @param classLoader where to look
     * @return whether the class can be loaded, without initializing it
     */
    static boolean isPresent(String className, ClassLoader classLoader) {
        try {
            Class.forName(className, false, classLoader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
