package org.dogpile.cdi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dogpile.cdi.app.ManualClock;
import org.dogpile.cdi.app.TestStore;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;

/** Builds test containers: synthetic archives with the extension added explicitly, and failures. */
@SuppressWarnings("try") // the resources scope configuration and containers; the bodies need not name them
final class Deployments {
    private Deployments() {
    }

    /**
     * A synthetic archive (no discovery, so the extension is added explicitly) with the manual
     * clock's in-memory store and the given beans.
     */
    static Weld syntheticWeld(Class<?>... beans) {
        return WeldInitiator.createWeld()
            .addExtension(new DogpileExtension())
            .addBeanClasses(ManualClock.class, TestStore.class)
            .addBeanClasses(beans);
    }

    static WeldInitiator synthetic(Class<?>... beans) {
        return WeldInitiator.of(syntheticWeld(beans));
    }

    /**
     * Deploys the beans and returns the messages of the failure, the whole cause chain joined.
     */
    static String deploymentFailure(Class<?>... beans) {
        Weld weld = syntheticWeld(beans);
        try (WeldContainer container = weld.initialize()) {
            throw new AssertionError("the deployment was expected to fail but started");
        } catch (RuntimeException failure) {
            return messages(failure);
        }
    }

    static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable next = todo.remove(0);
            if (next == null || !seen.add(next)) {
                continue;
            }
            all.append(next.getMessage()).append('\n');
            todo.add(next.getCause());
            todo.addAll(List.of(next.getSuppressed()));
        }
        return all.toString();
    }

    /**
     * Installs a MicroProfile Config with these properties (plus the default sources) for the
     * current class loader; close it to restore the default.
     */
    static AutoCloseable config(Map<String, String> properties) {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(resolver.getBuilder().forClassLoader(loader).addDefaultSources()
            .withSources(new MapSource(properties)).build(), loader);
        return () -> resolver.releaseConfig(resolver.getConfig(loader));
    }

    private static final class MapSource implements ConfigSource {
        private final Map<String, String> properties;

        MapSource(Map<String, String> properties) {
            this.properties = Map.copyOf(properties);
        }

        @Override
        public Set<String> getPropertyNames() {
            return properties.keySet();
        }

        @Override
        public String getValue(String name) {
            return properties.get(name);
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public int getOrdinal() {
            return 500;
        }
    }
}
