package org.dogpile.cdi;

import jakarta.enterprise.inject.spi.Bean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the deployment declared, built once by {@link DogpileExtension} and immutable afterwards:
 * the {@link Operation} of every intercepted method per bean class (two beans inheriting one method
 * may cache it differently), the cached methods of every cache name, and the configuration they were
 * built from. Provided to the other beans of this package as a synthetic singleton bean.
 */
final class DogpileRegistry {

    /**
     * One cached method as registered by a bean, for {@link DogpileCaches}.
     *
     * @param bean the bean
     * @param method the cached method's metadata
     */
    record Registration(Bean<?> bean, CachedMethod method) { }

    private final Map<Class<?>, Map<Method, Operation>> operations;
    private final Map<String, List<Registration>> caches;
    private final ConfigLookup config;
    private final ClassLoader classLoader;
    private final boolean enabled;

    private DogpileRegistry(Builder builder, boolean enabled) {
        Map<Class<?>, Map<Method, Operation>> byBean = new HashMap<>();
        builder.operations.forEach((beanClass, methods) -> byBean.put(beanClass, Map.copyOf(methods)));
        this.operations = Map.copyOf(byBean);
        Map<String, List<Registration>> byCache = new LinkedHashMap<>();
        builder.caches.forEach((cache, registrations) -> byCache.put(cache, List.copyOf(registrations)));
        this.caches = java.util.Collections.unmodifiableMap(byCache);
        this.config = builder.config;
        this.classLoader = builder.classLoader;
        this.enabled = enabled;
    }

    /**
     * The operations of a bean the container reported at deployment.
     *
     * @param beanClass the bean class
     * @return its operations by method (a method without one passes through), or {@code null} when
     *     the container did not report the bean
     */
    Map<Method, Operation> operations(Class<?> beanClass) {
        return operations.get(beanClass);
    }

    /**
     * @param cache a cache name
     * @return the methods of this deployment that use it, with their beans; empty when none
     */
    List<Registration> registrations(String cache) {
        return caches.getOrDefault(cache, List.of());
    }

    /** @return the names of the caches that the methods of this deployment use, in deployment order */
    Set<String> cacheNames() {
        return caches.keySet();
    }

    /** @return the invalidating methods of this deployment */
    List<InvalidationMethod> invalidations() {
        return operations.values().stream().flatMap(methods -> methods.values().stream())
            .filter(InvalidationMethod.class::isInstance).map(InvalidationMethod.class::cast).distinct().toList();
    }

    /** @return the configuration the metadata was built from */
    ConfigLookup config() {
        return config;
    }

    /** @return {@code false} when {@code dogpile.enabled=false}: calls go straight to the methods */
    boolean enabled() {
        return enabled;
    }

    /** @return the application's class loader */
    ClassLoader classLoader() {
        return classLoader;
    }

    /** Collects the operations while the container reports beans; not thread-safe (deployment is one thread). */
    static final class Builder {
        private final Map<Class<?>, Map<Method, Operation>> operations = new LinkedHashMap<>();
        private final Map<String, List<Registration>> caches = new LinkedHashMap<>();
        private final ConfigLookup config;
        private final ClassLoader classLoader;

        /**
         * @param config the configuration
         * @param classLoader the application's class loader
         */
        Builder(ConfigLookup config, ClassLoader classLoader) {
            this.config = config;
            this.classLoader = classLoader;
        }

        /**
         * Records a bean class with an interceptor binding, even when none of its methods has an operation.
         *
         * @param beanClass the bean class
         */
        void bean(Class<?> beanClass) {
            operations.computeIfAbsent(beanClass, c -> new HashMap<>());
        }

        /**
         * Records the operation of one method of one bean.
         *
         * @param bean the bean
         * @param operation its operation
         */
        void add(Bean<?> bean, Operation operation) {
            operations.computeIfAbsent(bean.getBeanClass(), c -> new HashMap<>()).put(operation.method(), operation);
            if (operation instanceof CachedMethod cached) {
                caches.computeIfAbsent(cached.cache(), c -> new ArrayList<>()).add(new Registration(bean, cached));
            }
        }

        /** @return the cache names used so far, each with the first method using it */
        Map<String, CachedMethod> cacheMethods() {
            Map<String, CachedMethod> methods = new LinkedHashMap<>();
            caches.forEach((cache, registrations) -> methods.put(cache, registrations.get(0).method()));
            return methods;
        }

        /**
         * @param enabled whether caching is on ({@code dogpile.enabled})
         * @return the immutable registry
         */
        DogpileRegistry build(boolean enabled) {
            return new DogpileRegistry(this, enabled);
        }
    }
}
