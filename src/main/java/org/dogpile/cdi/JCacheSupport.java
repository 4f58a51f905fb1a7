package org.dogpile.cdi;

import static java.lang.System.Logger.Level.INFO;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Optional;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.dogpile.store.jcache.JCacheStore;

/**
 * The only class of the CDI layer that touches JCache; loaded only for {@code dogpile.store=jcache}.
 * Picks the {@code CacheManager}: the application's or the container's {@code CacheManager} bean
 * (Payara provides one on its own Hazelcast), else the provider named by
 * {@value ConfigKeys#JCACHE_PROVIDER}, else the only provider on the class path; a manager this
 * class opened is closed with the application.
 */
final class JCacheSupport {
    private static final System.Logger LOG = System.getLogger(JCacheSupport.class.getName());

    private JCacheSupport() {
    }

    /**
     * Creates the store.
     *
     * @param beanManager to find a {@code CacheManager} bean
     * @param config where {@value ConfigKeys#JCACHE_PROVIDER} is read
     * @param classLoader the application's class loader
     * @return the store, and what to do at shutdown
     */
    static EngineSetup.Created store(BeanManager beanManager, ConfigLookup config, ClassLoader classLoader) {
        Instance<CacheManager> beans = beanManager.createInstance().select(CacheManager.class);
        if (beans.isResolvable()) {
            LOG.log(INFO, "DOGPILE-3008: dogpile.store=jcache on the CacheManager bean");
            return new EngineSetup.Created(new JCacheStore(beans.get()), () -> { });
        }
        Optional<String> named = config.value(ConfigKeys.JCACHE_PROVIDER).map(String::trim);
        CachingProvider provider;
        try {
            provider = named.isPresent() ? Caching.getCachingProvider(named.get(), classLoader)
                : Caching.getCachingProvider(classLoader);
        } catch (CacheException | IllegalStateException unusable) {
            throw new IllegalStateException(named.isPresent()
                ? "dogpile.store=jcache: cannot load the JCache provider " + named.get() + " named by "
                    + ConfigKeys.JCACHE_PROVIDER + ": " + unusable.getMessage()
                : "dogpile.store=jcache: no single JCache provider on the class path (" + unusable.getMessage()
                    + "); name one with " + ConfigKeys.JCACHE_PROVIDER + ", or provide a CacheManager bean",
                unusable);
        }
        CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), classLoader);
        LOG.log(INFO, () -> "DOGPILE-3009: dogpile.store=jcache on " + provider.getClass().getName());
        JCacheStore store = new JCacheStore(manager);
        return new EngineSetup.Created(store, () -> {
            closeIfCloseable(store);
            manager.close();
        });
    }

    private static void closeIfCloseable(Object store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                LOG.log(INFO, "DOGPILE-3010: closing the JCache store failed: " + ignored);
            }
        }
    }
}
