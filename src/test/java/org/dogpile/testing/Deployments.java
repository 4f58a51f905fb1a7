package org.dogpile.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dogpile.cdi.DogpileExtension;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;

/**
 * Builds Weld SE containers for tests that start them by hand (to set configuration first, or to
 * see a deployment fail): synthetic archives with the extension added explicitly.
 */
@SuppressWarnings("try") // the resources scope configuration and containers; the bodies need not name them
public final class Deployments {
    private Deployments() {
    }

    /**
     * @param beans the application's beans
     * @return a synthetic archive with the extension, the manual clock's in-memory store and the beans
     */
    public static Weld syntheticWeld(Class<?>... beans) {
        return withoutStore(beans).addBeanClasses(ManualClockStore.class);
    }

    /**
     * @param beans the application's beans
     * @return a synthetic archive with the extension and the beans, and no store bean
     */
    public static Weld withoutStore(Class<?>... beans) {
        return WeldInitiator.createWeld().addExtension(new DogpileExtension()).addBeanClasses(beans);
    }

    /**
     * @param beans the application's beans
     * @return an initiator for {@code @EnableWeld} tests over {@link #syntheticWeld}
     */
    public static WeldInitiator synthetic(Class<?>... beans) {
        return WeldInitiator.of(syntheticWeld(beans));
    }

    /**
     * Deploys the beans and returns the messages of the failure, the whole cause chain joined.
     *
     * @param beans the application's beans
     * @return the messages
     */
    public static String deploymentFailure(Class<?>... beans) {
        return deploymentFailure(syntheticWeld(beans));
    }

    /**
     * @param weld a container that is expected to fail to start
     * @return the messages of the failure, the whole cause chain joined
     */
    public static String deploymentFailure(Weld weld) {
        try (WeldContainer container = weld.initialize()) {
            throw new AssertionError("the deployment was expected to fail but started");
        } catch (RuntimeException failure) {
            return messages(failure);
        }
    }

    /**
     * @param failure a failure
     * @return the messages of it, its causes and suppressed exceptions, one per line
     */
    public static String messages(Throwable failure) {
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
     *
     * @param properties the properties, ahead of the default sources
     * @return restores the default configuration when closed
     */
    public static AutoCloseable config(Map<String, String> properties) {
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
