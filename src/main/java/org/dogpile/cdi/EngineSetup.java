package org.dogpile.cdi;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.dogpile.codec.ValueCodec;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpileListener;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.InMemoryStore;

/**
 * Decides where values live and which executor regenerates in the background, then creates the
 * engine. Store, first match wins:
 * <ol>
 * <li>an application {@link DogpileStore} bean;</li>
 * <li>{@code dogpile.store=memory}: an {@link InMemoryStore};</li>
 * <li>{@code dogpile.store=jcache}: a {@code JCacheStore}, see {@link JCacheSupport};</li>
 * <li>{@code dogpile.store=hazelcast}, or no {@code dogpile.store} and Hazelcast on the class path: see
 *     {@link HazelcastSupport};</li>
 * <li>otherwise an {@link InMemoryStore} (one JVM only).</li>
 * </ol>
 * Codec (how values are encoded for a store outside the heap): an application {@link ValueCodec}
 * bean for every cache, else each cache's own (see {@code CodecSettings}).
 * Executor: the container's {@code java:comp/DefaultManagedExecutorService}, else the engine's own
 * bounded pool of daemon threads (running a task on the caller when full), stopped with the container.
 */
final class EngineSetup {
    private static final System.Logger LOG = System.getLogger(EngineSetup.class.getName());
    private static final String STORE_PROPERTY = ConfigKeys.STORE;
    private static final String STORES = "memory, hazelcast or jcache";
    /** The container's default managed executor. */
    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    /** The bean manager of the application module, in Jakarta EE containers. */
    static final String MODULE_BEAN_MANAGER = "java:comp/BeanManager";
    /** Checked by name, so that {@link HazelcastSupport} is loaded only when Hazelcast is there. */
    private static final String HAZELCAST_CLASS = "com.hazelcast.core.HazelcastInstance";
    /** Checked by name, so that {@link JCacheSupport} is loaded only when JCache is there. */
    private static final String JCACHE_CLASS = "javax.cache.Caching";

    /**
     * A store, or an engine, with what to do at container shutdown.
     *
     * @param store the store
     * @param onShutdown releases what the setup started; never throws on purpose
     */
    record Created(DogpileStore store, Runnable onShutdown) { }

    /**
     * The engine and its shutdown action.
     *
     * @param engine the engine
     * @param onShutdown releases what the setup started
     */
    record Engine(DogpileEngine engine, Runnable onShutdown) { }

    private EngineSetup() {
    }

    /**
     * @param beanManager to find application beans
     * @param config where {@code dogpile.store} is read
     * @param classLoader the application's class loader
     * @param listener hears what the engine does
     * @return the engine
     */
    static Engine create(BeanManager beanManager, ConfigLookup config, ClassLoader classLoader, DogpileListener listener) {
        Created created = store(beanManager, config, classLoader);
        DogpileEngine.Builder builder = DogpileEngine.builder(created.store()).listener(listener);
        // without a managed executor: the engine's own bounded pool, which runs a task on the caller when full
        Jndi.lookup(MANAGED_EXECUTOR, Executor.class).ifPresent(builder::executor);
        Instance<ValueCodec> codecs = applicationBeans(beanManager, ValueCodec.class);
        if (codecs.isResolvable()) {
            builder.codecForEveryCache(codecs.get());
        }
        DogpileEngine engine = builder.build();
        return new Engine(engine, () -> {
            engine.close();
            created.onShutdown().run();
        });
    }

    /**
     * The application's beans of a type. Payara gives this library's jar (in {@code WEB-INF/lib}) a
     * bean archive that does not see the beans of {@code WEB-INF/classes}; the module's own bean
     * manager ({@value #MODULE_BEAN_MANAGER}) does.
     */
    private static <T> Instance<T> applicationBeans(BeanManager beanManager, Class<T> type) {
        Instance<T> found = beanManager.createInstance().select(type);
        if (!found.isUnsatisfied()) {
            return found;
        }
        return Jndi.lookup(MODULE_BEAN_MANAGER, BeanManager.class)
            .map(module -> module.createInstance().select(type)).orElse(found);
    }

    private static Created store(BeanManager beanManager, ConfigLookup config, ClassLoader classLoader) {
        Instance<DogpileStore> stores = beanManager.createInstance().select(DogpileStore.class);
        if (stores.isResolvable()) {
            return new Created(stores.get(), () -> { });
        }
        if (stores.isAmbiguous()) {
            throw new IllegalStateException("dogpile: several DogpileStore beans are eligible: "
                + beanManager.getBeans(DogpileStore.class) + "; keep one, or make one an @Alternative");
        }
        String selected = config.value(STORE_PROPERTY).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("");
        switch (selected) {
            case "memory":
                LOG.log(INFO, "DOGPILE-3002: " + STORE_PROPERTY + "=memory: values live in this JVM only");
                return new Created(new InMemoryStore(), () -> { });
            case "jcache":
                if (!ConfigLookup.isPresent(JCACHE_CLASS, classLoader)) {
                    throw new IllegalStateException(STORE_PROPERTY + "=jcache but the JCache API is not on the class path");
                }
                return JCacheSupport.store(beanManager, config, classLoader);
            case "hazelcast":
            case "":
                if (ConfigLookup.isPresent(HAZELCAST_CLASS, classLoader)) {
                    return HazelcastSupport.store(beanManager, config, classLoader, Namespace.resolve(config));
                }
                if (selected.isEmpty()) {
                    LOG.log(WARNING, "DOGPILE-3003: Hazelcast is not on the class path: values live in this JVM only");
                    return new Created(new InMemoryStore(), () -> { });
                }
                throw new IllegalStateException(STORE_PROPERTY + "=hazelcast but Hazelcast is not on the class path");
            default:
                throw new IllegalStateException("unknown " + STORE_PROPERTY + " value '" + selected
                    + "'; expected " + STORES);
        }
    }

    /**
     * Checks a {@code dogpile.store} value at deployment.
     *
     * @param config the configuration
     * @return a problem, or {@code null}
     */
    static String checkStoreProperty(ConfigLookup config) {
        return config.value(STORE_PROPERTY)
            .map(v -> v.trim().toLowerCase(Locale.ROOT))
            .filter(v -> !v.equals("memory") && !v.equals("hazelcast") && !v.equals("jcache"))
            .map(v -> "invalid value '" + v + "' of " + STORE_PROPERTY + ": expected " + STORES)
            .orElse(null);
    }
}
