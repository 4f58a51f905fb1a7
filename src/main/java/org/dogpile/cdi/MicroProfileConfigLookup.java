package org.dogpile.cdi;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The only class that touches MicroProfile Config; loaded only when it is on the class path. */
final class MicroProfileConfigLookup implements ConfigLookup {
    private final Config config;

    private MicroProfileConfigLookup(Config config) {
        this.config = config;
    }

    static ConfigLookup create(ClassLoader classLoader) {
        return new MicroProfileConfigLookup(ConfigProvider.getConfig(classLoader));
    }

    @Override
    public Optional<String> value(String name) {
        return config.getOptionalValue(name, String.class);
    }

    /** MicroProfile Config's own boolean converter: {@code true}, {@code 1}, {@code yes}, {@code y}, {@code on}. */
    @Override
    public Optional<Boolean> booleanValue(String name) {
        return config.getOptionalValue(name, Boolean.class);
    }

    @Override
    public Iterable<String> propertyNames() {
        return config.getPropertyNames();
    }
}
