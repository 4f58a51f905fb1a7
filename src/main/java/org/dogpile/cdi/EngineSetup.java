package org.dogpile.cdi;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.codec.ValueCodec;
import org.dogpile.engine.DogpileEngine;
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
 * bean, else the engine's default (Java serialization of JDK types only).
 * Executor: the container's {@code java:comp/DefaultManagedExecutorService}, else a pool of daemon
 * threads of this library's own (background regenerations block while the method runs, so they stay
 * off the common pool), stopped with the container.
 */
final class EngineSetup {
    private static final System.Logger LOG = System.getLogger(EngineSetup.class.getName());
    private static final String STORE_PROPERTY = ConfigKeys.STORE;
    private static final String STORES = "memory, hazelcast or jcache";
    /** The container's default managed executor. */
    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    /** Checked by name, so that {@link HazelcastSupport} is loaded only when Hazelcast is there. */
    private static final String HAZELCAST_CLASS = "com.hazelcast.core.HazelcastInstance";
    /** Checked by name, so that {@link JCacheSupport} is loaded only when JCache is there. */
    private static final String JCACHE_CLASS = "javax.cache.Caching";
    private static final AtomicInteger THREADS = new AtomicInteger();

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
     * @return the engine
     */
    static Engine create(BeanManager beanManager, ConfigLookup config, ClassLoader classLoader) {
        Created created = store(beanManager, config, classLoader);
        Instance<ValueCodec> codecs = beanManager.createInstance().select(ValueCodec.class);
        Optional<Executor> managed = Jndi.lookup(MANAGED_EXECUTOR, Executor.class);
        if (managed.isPresent()) {
            DogpileEngine.Builder engine = DogpileEngine.builder(created.store()).executor(managed.get());
            return new Engine((codecs.isResolvable() ? engine.codec(codecs.get()) : engine).build(), created.onShutdown());
        }
        ExecutorService own = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "dogpile-regeneration-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        DogpileEngine.Builder engine = DogpileEngine.builder(created.store()).executor(own);
        return new Engine((codecs.isResolvable() ? engine.codec(codecs.get()) : engine).build(), () -> {
            own.shutdownNow();
            created.onShutdown().run();
        });
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
                LOG.log(INFO, "dogpile: " + STORE_PROPERTY + "=memory: values live in this JVM only");
                return new Created(new InMemoryStore(), () -> { });
            case "jcache":
                if (!ConfigLookup.isPresent(JCACHE_CLASS, classLoader)) {
                    throw new IllegalStateException(STORE_PROPERTY + "=jcache but the JCache API is not on the class path");
                }
                return JCacheSupport.store(beanManager, config, classLoader);
            case "hazelcast":
            case "":
                if (ConfigLookup.isPresent(HAZELCAST_CLASS, classLoader)) {
                    return HazelcastSupport.store(beanManager, classLoader, Namespace.resolve(config));
                }
                if (selected.isEmpty()) {
                    LOG.log(WARNING, "dogpile: Hazelcast is not on the class path: values live in this JVM only");
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
