package org.dogpile.cdi;

import static java.lang.System.Logger.Level.WARNING;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Decorator;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;
import org.dogpile.DogpileInvalidateAll;
import org.dogpile.DogpileKeyGenerator;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.key.KeyEncodingException;

/**
 * The CDI portable extension that makes {@link Dogpile}, {@link DogpileInvalidate} and
 * {@link DogpileInvalidateAll} work. Registered in {@code META-INF/services}, so an application only
 * needs the jar (which is not a bean archive itself). It
 * <ul>
 * <li>registers the interceptor bindings, the interceptors and the {@link DogpileCaches} bean;</li>
 * <li>validates every annotated method of every managed bean (EJBs included) and fails the
 *     deployment with a message naming class, method and wrong value: {@code void} methods, key
 *     parameters that cannot be encoded stably, key generators without a public no-argument
 *     constructor, non-positive durations, private, static or final methods, and unknown or invalid
 *     {@code dogpile.*} configuration;</li>
 * <li>computes each method's metadata (cache name, policy, key function, return kind) once;</li>
 * <li>creates the {@link DogpileEngine} on first use (see {@code EngineSetup} for where values live)
 *     and releases what it started when the container shuts down.</li>
 * </ul>
 */
public class DogpileExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(DogpileExtension.class.getName());
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    /** One cached method as registered by a bean, for {@link DogpileCaches}. */
    record Registration(Bean<?> bean, CachedMethod method) { }

    private record Settings(String cache, DogpilePolicy policy, ReturnKind kind, Class<?> keyGenerator) { }

    private final ConcurrentMap<Method, Optional<CachedMethod>> cachedMethods = new ConcurrentHashMap<>();
    private final ConcurrentMap<Method, Optional<InvalidationMethod>> invalidationMethods = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<Registration>> caches = new ConcurrentHashMap<>();
    private final Object engineLock = new Object();
    private volatile ClassLoader classLoader;
    private volatile ConfigLookup config;
    private volatile BeanManager beanManager;
    private volatile EngineSetup.Engine engine;
    private volatile boolean shutDown;

    /** Creates the extension; the container does this through {@code META-INF/services}. */
    public DogpileExtension() {
    }

    void registerTypes(@Observes BeforeBeanDiscovery event, BeanManager manager) {
        classLoader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
            .orElse(DogpileExtension.class.getClassLoader());
        config = ConfigLookup.detect(classLoader);
        event.addInterceptorBinding(manager.createAnnotatedType(Dogpile.class));
        event.addInterceptorBinding(manager.createAnnotatedType(DogpileInvalidate.class));
        event.addInterceptorBinding(manager.createAnnotatedType(DogpileInvalidateAll.class));
        for (Class<?> type : List.of(DogpileInterceptor.class, DogpileInvalidateInterceptor.class,
                DogpileInvalidateAllInterceptor.class, DogpileCaches.class)) {
            event.addAnnotatedType(manager.createAnnotatedType(type), DogpileExtension.class.getName() + "#" + type.getSimpleName());
        }
    }

    <X> void validateBean(@Observes ProcessManagedBean<X> event) {
        Bean<X> bean = event.getBean();
        if (bean instanceof Interceptor<?> || bean instanceof Decorator<?>) {
            return;
        }
        AnnotatedType<X> type = event.getAnnotatedBeanClass();
        Dogpile classLevel = type.getAnnotation(Dogpile.class);
        List<String> problems = new ArrayList<>();
        for (Class<? extends java.lang.annotation.Annotation> methodOnly
                : List.of(DogpileInvalidate.class, DogpileInvalidateAll.class)) {
            if (type.isAnnotationPresent(methodOnly)) {
                problems.add("@" + methodOnly.getSimpleName() + " on " + type.getJavaClass().getName()
                    + ": only methods can carry it, not the class");
            }
        }
        boolean intercepted = classLevel != null;
        for (AnnotatedMethod<? super X> annotated : type.getMethods()) {
            intercepted |= register(bean, annotated, classLevel, problems);
        }
        if (intercepted && Modifier.isFinal(type.getJavaClass().getModifiers())) {
            problems.add("@Dogpile on " + type.getJavaClass().getName()
                + ": a final class cannot be intercepted: final");
        }
        problems.forEach(problem -> event.addDefinitionError(new DefinitionException(problem)));
    }

    void validateConfiguration(@Observes AfterBeanDiscovery event) {
        Map<String, Method> cacheMethods = new LinkedHashMap<>();
        caches.forEach((cache, registrations) -> cacheMethods.put(cache, registrations.get(0).method().method()));
        List<String> problems = new ArrayList<>(CacheSettings.unknownProperties(cacheMethods, config));
        String storeProblem = EngineSetup.checkStoreProperty(config);
        if (storeProblem != null) {
            problems.add(storeProblem);
        }
        problems.forEach(problem -> event.addDefinitionError(new DefinitionException(problem)));
    }

    void ready(@Observes AfterDeploymentValidation event, BeanManager manager) {
        beanManager = manager;
        invalidationMethods.values().stream().flatMap(Optional::stream)
            .forEach(invalidation -> invalidation.caches().stream()
                .filter(cache -> !caches.containsKey(cache))
                .forEach(cache -> LOG.log(WARNING, () -> "dogpile: " + Signatures.of(invalidation.method())
                    + " invalidates cache '" + cache + "', which no @Dogpile method of this deployment uses")));
    }

    void shutdown(@Observes BeforeShutdown event) {
        synchronized (engineLock) {
            shutDown = true;
            if (engine != null) {
                engine.onShutdown().run();
                engine = null;
            }
        }
    }

    /**
     * The engine, created on first use.
     *
     * @return the engine
     */
    DogpileEngine engine() {
        EngineSetup.Engine current = engine;
        if (current == null) {
            synchronized (engineLock) {
                if (shutDown) {
                    throw new IllegalStateException("dogpile: the container is shut down");
                }
                if (engine == null) {
                    engine = EngineSetup.create(Objects.requireNonNull(beanManager, "the deployment is not validated yet"),
                        config, classLoader);
                }
                current = engine;
            }
        }
        return current.engine();
    }

    /**
     * The metadata of a cached method, or {@code null} when calls just pass through (for example
     * {@code void} methods of a class annotated as a whole). Computed at deployment; for a method
     * of a bean the container did not report, on its first call.
     *
     * @param method the intercepted method
     * @return its metadata, or {@code null}
     */
    CachedMethod cachedMethod(Method method) {
        Optional<CachedMethod> known = cachedMethods.get(method);
        if (known == null) {
            known = cachedMethods.computeIfAbsent(method, this::resolveAtFirstCall);
        }
        return known.orElse(null);
    }

    /**
     * The metadata of an invalidating method, or {@code null} when it is not one.
     *
     * @param method the intercepted method
     * @return its metadata, or {@code null}
     */
    InvalidationMethod invalidationMethod(Method method) {
        Optional<InvalidationMethod> known = invalidationMethods.get(method);
        if (known == null) {
            known = invalidationMethods.computeIfAbsent(method, m -> {
                List<String> problems = new ArrayList<>();
                Optional<InvalidationMethod> found = invalidation(m, m.getAnnotation(DogpileInvalidate.class),
                    m.getAnnotation(DogpileInvalidateAll.class), problems);
                failOn(problems);
                return found;
            });
        }
        return known.orElse(null);
    }

    /**
     * @param cache a cache name
     * @return the methods of this deployment that use it, with their beans; empty when none
     */
    List<Registration> registrations(String cache) {
        return caches.getOrDefault(cache, List.of());
    }

    /** @return the names of the caches that the methods of this deployment use */
    Set<String> cacheNames() {
        return Set.copyOf(caches.keySet());
    }

    /** @return the bean manager, once the deployment is validated */
    BeanManager beanManager() {
        return beanManager;
    }

    /** Registers one method; returns whether it is intercepted. */
    private boolean register(Bean<?> bean, AnnotatedMethod<?> annotated, Dogpile classLevel, List<String> problems) {
        Method method = annotated.getJavaMember();
        if (method.isBridge() || method.isSynthetic()) {
            return false;
        }
        Dogpile onMethod = annotated.getAnnotation(Dogpile.class);
        DogpileInvalidate invalidate = annotated.getAnnotation(DogpileInvalidate.class);
        DogpileInvalidateAll invalidateAll = annotated.getAnnotation(DogpileInvalidateAll.class);
        boolean invalidates = invalidate != null || invalidateAll != null;
        if (onMethod == null && !invalidates) {
            if (classLevel == null || !isClassLevelCandidate(method)) {
                return false;
            }
            return registerCached(bean, method, classLevel, problems);
        }
        String notInterceptable = notInterceptable(method);
        if (notInterceptable != null) {
            String annotation = onMethod != null ? "@Dogpile" : invalidate != null ? "@DogpileInvalidate"
                : "@DogpileInvalidateAll";
            problems.add(annotation + " on " + Signatures.of(method) + ": the method cannot be intercepted: "
                + notInterceptable);
            return false;
        }
        if (onMethod != null && invalidates) {
            problems.add("@Dogpile on " + Signatures.of(method)
                + ": a method cannot both cache and invalidate: remove @DogpileInvalidate or @DogpileInvalidateAll");
            return false;
        }
        if (invalidates) {
            invalidation(method, invalidate, invalidateAll, problems)
                .ifPresent(found -> invalidationMethods.put(method, Optional.of(found)));
            return true;
        }
        return registerCached(bean, method, onMethod, problems);
    }

    private boolean registerCached(Bean<?> bean, Method method, Dogpile annotation, List<String> problems) {
        CachedMethod cached;
        try {
            cached = build(method, annotation);
        } catch (IllegalArgumentException invalid) {
            problems.add(invalid.getMessage());
            return false;
        }
        Optional<CachedMethod> previous = cachedMethods.putIfAbsent(method, Optional.of(cached));
        if (previous != null && previous.isPresent() && !previous.get().settings().equals(cached.settings())) {
            problems.add("@Dogpile on " + Signatures.of(method) + ": inherited by several beans with different "
                + "settings (" + bean.getBeanClass().getName() + " among them): annotate the method in each bean class");
            return false;
        }
        caches.computeIfAbsent(cached.cache(), c -> new CopyOnWriteArrayList<>()).add(new Registration(bean, cached));
        return true;
    }

    /**
     * Builds a cached method's metadata, validating everything.
     *
     * @param method the method
     * @param annotation the effective annotation
     * @return the metadata
     * @throws IllegalArgumentException naming class, method and wrong value
     */
    CachedMethod build(Method method, Dogpile annotation) {
        ReturnKind kind = ReturnKind.of(method);
        String cache = CacheSettings.cacheName(annotation, method);
        DogpilePolicy policy = CacheSettings.policy(annotation, method, cache, config());
        KeyFunction keys;
        Class<? extends DogpileKeyGenerator> generator = annotation.keyGenerator();
        if (generator != DogpileKeyGenerator.class) {
            keys = KeyFunction.generated(method, KeyFunction.instantiate(generator, method));
        } else {
            try {
                keys = KeyFunction.arguments(method);
            } catch (KeyEncodingException unsupported) {
                throw new IllegalArgumentException("@Dogpile: " + unsupported.getMessage(), unsupported);
            }
        }
        return new CachedMethod(method, cache, policy, keys, kind, new Settings(cache, policy, kind, generator));
    }

    private Optional<InvalidationMethod> invalidation(Method method, DogpileInvalidate invalidate,
            DogpileInvalidateAll invalidateAll, List<String> problems) {
        if (invalidate == null && invalidateAll == null) {
            return Optional.empty();
        }
        String annotation = invalidate != null ? "@DogpileInvalidate" : "@DogpileInvalidateAll";
        if (invalidate != null && invalidateAll != null) {
            problems.add("@DogpileInvalidate on " + Signatures.of(method)
                + ": use either @DogpileInvalidate or @DogpileInvalidateAll on one method, not both");
            return Optional.empty();
        }
        String[] names = invalidate != null ? invalidate.cache() : invalidateAll.cache();
        if (names.length == 0 || Arrays.stream(names).anyMatch(name -> name == null || name.isBlank())) {
            problems.add(annotation + " on " + Signatures.of(method) + ": cache names cannot be empty: "
                + Arrays.toString(names));
            return Optional.empty();
        }
        KeyFunction keys = null;
        if (invalidate != null) {
            try {
                keys = KeyFunction.arguments(method);
            } catch (KeyEncodingException unsupported) {
                problems.add(annotation + ": " + unsupported.getMessage());
                return Optional.empty();
            }
        }
        boolean soft = invalidate != null ? invalidate.soft() : invalidateAll.soft();
        return Optional.of(new InvalidationMethod(method, Arrays.asList(names), soft, keys));
    }

    private Optional<CachedMethod> resolveAtFirstCall(Method method) {
        Dogpile annotation = method.getAnnotation(Dogpile.class);
        if (annotation == null && method.getAnnotation(DogpileInvalidate.class) == null
                && method.getAnnotation(DogpileInvalidateAll.class) == null && isClassLevelCandidate(method)) {
            annotation = method.getDeclaringClass().getAnnotation(Dogpile.class);
        }
        if (annotation == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        try {
            return Optional.of(build(method, annotation));
        } catch (IllegalArgumentException invalid) {
            problems.add(invalid.getMessage());
        }
        failOn(problems);
        return Optional.empty();
    }

    private ConfigLookup config() {
        ConfigLookup current = config;
        if (current == null) {
            current = ConfigLookup.detect(Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(DogpileExtension.class.getClassLoader()));
            config = current;
        }
        return current;
    }

    private static void failOn(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }

    /** Business methods a class-level {@code @Dogpile} caches: those with a result, Object's excepted. */
    private static boolean isClassLevelCandidate(Method method) {
        int modifiers = method.getModifiers();
        return !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers) && !Modifier.isFinal(modifiers)
            && method.getReturnType() != void.class && method.getDeclaringClass() != Object.class
            && !(OBJECT_METHODS.contains(method.getName())
                && (method.getParameterCount() == 0 || method.getName().equals("equals")));
    }

    private static String notInterceptable(Method method) {
        int modifiers = method.getModifiers();
        return Modifier.isPrivate(modifiers) ? "private" : Modifier.isStatic(modifiers) ? "static"
            : Modifier.isFinal(modifiers) ? "final" : null;
    }
}
