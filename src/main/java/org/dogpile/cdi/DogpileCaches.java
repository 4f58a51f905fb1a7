package org.dogpile.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dogpile.Dogpile;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpileException;
import org.dogpile.store.CacheEntry;

/**
 * Programmatic access to the caches of {@link Dogpile} methods: invalidate, peek and refresh by
 * cache name and argument values. Inject it:
 *
 * <pre>{@code
 * @Inject DogpileCaches caches;
 * caches.invalidate("prices", "EU");          // hard: the next callers wait for a new value
 * caches.invalidateSoftly("prices", "EU");    // soft: the next caller regenerates, the others get the old value
 * caches.invalidateAll("prices");
 * }</pre>
 *
 * <p>The {@code args} are the arguments of the cached method, all of them, as the method takes
 * them; the key is computed from them exactly as for a call (the {@code @DogpileKey} parameters or
 * the key generator), so arguments that are not part of the key may be {@code null}. When several
 * methods share a cache, the first one with that many parameters computes the key. A cache must be
 * used by a {@code @Dogpile} method of this deployment to be addressed by key; whole-cache
 * invalidation works on any name. Invalidation is cluster-wide when the store is. Inside a JTA
 * transaction, invalidations take effect after it commits and not when it rolls back (property
 * {@code dogpile.invalidate.timing}: {@code after-commit}, the default, {@code immediate} or
 * {@code both}); without one, at once.
 */
@ApplicationScoped
public class DogpileCaches {

    private final BeanManager beanManager;
    private final DogpileRuntime runtime;
    private final DogpileRegistry registry;

    /** For the container's client proxy only. */
    DogpileCaches() {
        this(null, null, null);
    }

    /**
     * Creates the bean; the container does this.
     *
     * @param beanManager to call cached methods through their beans
     * @param runtime owns the engine
     * @param registry what the deployment declared
     */
    @Inject
    DogpileCaches(BeanManager beanManager, DogpileRuntime runtime, DogpileRegistry registry) {
        this.beanManager = beanManager;
        this.runtime = runtime;
        this.registry = registry;
    }

    /**
     * Hard invalidation of one key: removes the entry; the next callers wait for a new value.
     *
     * @param cache the cache name
     * @param args the cached method's arguments
     */
    public void invalidate(String cache, Object... args) {
        String key = keyOf(cache, args);
        runtime.invalidations().apply(() -> engine().invalidate(cache, key));
    }

    /**
     * Soft invalidation of one key: the entry counts as stale; the next caller regenerates while the
     * others keep getting the old value.
     *
     * @param cache the cache name
     * @param args the cached method's arguments
     * @return {@code true} when there was an entry to mark; {@code true} as well when the marking
     *     waits for the caller's transaction to commit
     */
    public boolean invalidateSoftly(String cache, Object... args) {
        String key = keyOf(cache, args);
        boolean[] marked = {true};
        runtime.invalidations().apply(() -> marked[0] = engine().invalidateSoftly(cache, key));
        return marked[0];
    }

    /**
     * Hard invalidation of a whole cache.
     *
     * @param cache the cache name
     */
    public void invalidateAll(String cache) {
        Objects.requireNonNull(cache, "cache cannot be null");
        runtime.invalidations().apply(() -> engine().invalidateAll(cache));
    }

    /**
     * Soft invalidation of a whole cache.
     *
     * @param cache the cache name
     */
    public void invalidateAllSoftly(String cache) {
        Objects.requireNonNull(cache, "cache cannot be null");
        runtime.invalidations().apply(() -> engine().invalidateAllSoftly(cache));
    }

    /**
     * Reads an entry without running the method, locking, or changing anything.
     *
     * @param cache the cache name
     * @param args the cached method's arguments
     * @return the entry, fresh or stale (its value is stored unwrapped: an empty {@code Optional}
     *     is a {@code null} value), or empty when there is none
     */
    public Optional<CacheEntry> peek(String cache, Object... args) {
        return engine().peek(cache, keyOf(cache, args));
    }

    /**
     * Regenerates one entry now: marks it stale, then calls the cached method through its bean, so
     * that the engine regenerates as for any stale value (when another caller in the cluster is
     * already regenerating it, the stale value is returned and that regeneration counts).
     *
     * @param cache the cache name
     * @param args the cached method's arguments
     * @return what the method call returned
     * @throws IllegalArgumentException when no method of this deployment with these arguments uses
     *     the cache, or several do
     * @throws RuntimeException the method's unchecked exception, unchanged; a checked one wrapped in
     *     a {@link DogpileException}
     */
    public Object refresh(String cache, Object... args) {
        DogpileRegistry.Registration registration = onlyRegistration(cache, args);
        engine().invalidateSoftly(cache, registration.method().keyOf(args));
        return call(registration, cache, args);
    }

    /**
     * The key under which a call with these arguments is cached.
     *
     * @param cache the cache name
     * @param args the cached method's arguments
     * @return the key
     * @throws IllegalArgumentException when no method of this deployment with that many parameters
     *     uses the cache
     */
    public String keyOf(String cache, Object... args) {
        return registration(cache, args).method().keyOf(args);
    }

    /** @return the names of the caches that {@code @Dogpile} methods of this deployment use */
    public Set<String> cacheNames() {
        return Set.copyOf(registry.cacheNames());
    }

    /**
     * The engine behind the interceptor, for what this class does not cover.
     *
     * @return the engine
     */
    public DogpileEngine engine() {
        return runtime.engine();
    }

    private DogpileRegistry.Registration registration(String cache, Object[] args) {
        Objects.requireNonNull(cache, "cache cannot be null");
        Objects.requireNonNull(args, "args cannot be null");
        List<DogpileRegistry.Registration> all = registry.registrations(cache);
        return all.stream().filter(r -> r.method().method().getParameterCount() == args.length).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(all.isEmpty()
                ? "unknown cache '" + cache + "': no @Dogpile method of this deployment uses it; known caches: "
                    + cacheNames()
                : "cache '" + cache + "' has no method with " + args.length + " parameters: "
                    + all.stream().map(r -> Signatures.of(r.method().method())).distinct()
                        .collect(Collectors.joining(", "))));
    }

    private DogpileRegistry.Registration onlyRegistration(String cache, Object[] args) {
        DogpileRegistry.Registration first = registration(cache, args);
        List<Method> methods = registry.registrations(cache).stream().map(r -> r.method().method())
            .filter(m -> m.getParameterCount() == args.length).distinct().collect(Collectors.toList());
        if (methods.size() > 1) {
            throw new IllegalArgumentException("cache '" + cache + "' is used by several methods with "
                + args.length + " parameters, refresh cannot choose: "
                + methods.stream().map(Signatures::of).collect(Collectors.joining(", ")));
        }
        return first;
    }

    private Object call(DogpileRegistry.Registration registration, String cache, Object[] args) {
        Bean<?> bean = registration.bean();
        Method method = registration.method().method();
        CreationalContext<?> context = beanManager.createCreationalContext(bean);
        try {
            Object reference = beanManager.getReference(bean, beanType(bean, method), context);
            if (!method.canAccess(reference)) {
                method.setAccessible(true);
            }
            return method.invoke(reference, args);
        } catch (InvocationTargetException failed) {
            throw rethrow(failed, cache);
        } catch (IllegalAccessException | IllegalArgumentException unusable) {
            throw new IllegalArgumentException("refresh of cache '" + cache + "' cannot call "
                + Signatures.of(method) + " with " + java.util.Arrays.toString(args) + ": " + unusable.getMessage(),
                unusable);
        } finally {
            context.release(); // destroys a @Dependent instance created for this call; no-op otherwise
        }
    }

    private static Type beanType(Bean<?> bean, Method method) {
        return bean.getTypes().stream()
            .filter(type -> type instanceof Class<?> c && method.getDeclaringClass().isAssignableFrom(c))
            .findFirst().orElse(Object.class);
    }

    private static RuntimeException rethrow(InvocationTargetException failed, String cache) {
        Throwable cause = failed.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new DogpileException("refresh of cache '" + cache + "' failed", cause);
    }
}
