package org.dogpile.cdi;

import java.util.Optional;

/**
 * Where configuration overrides come from: MicroProfile Config when it is on the class path,
 * otherwise the system properties. Keeps every MicroProfile Config type inside
 * {@link MicroProfileConfigLookup}, so the library runs without it.
 */
interface ConfigLookup {

    /**
     * @param name a property name
     * @return its value, if set
     */
    Optional<String> value(String name);

    /** @return every property name known to the source */
    Iterable<String> propertyNames();

    /**
     * The lookup for an application.
     *
     * @param classLoader the application's class loader
     * @return MicroProfile Config when present, otherwise the system properties
     */
    static ConfigLookup detect(ClassLoader classLoader) {
        if (isPresent("org.eclipse.microprofile.config.ConfigProvider", classLoader)) {
            return MicroProfileConfigLookup.create(classLoader);
        }
        return systemProperties();
    }

    /** @return a lookup on the system properties */
    static ConfigLookup systemProperties() {
        return new ConfigLookup() {
            @Override
            public Optional<String> value(String name) {
                return Optional.ofNullable(System.getProperty(name));
            }

            @Override
            public Iterable<String> propertyNames() {
                return System.getProperties().stringPropertyNames();
            }
        };
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
