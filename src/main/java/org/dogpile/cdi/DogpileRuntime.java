package org.dogpile.cdi;

import static java.lang.System.Logger.Level.INFO;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.store.InMemoryStore;

/**
 * The state of the CDI layer at run time, one per application: the engine and its store, created
 * when the application first uses a cache (the container creates this bean on its first call) and
 * released when the application stops; and the operations of beans the container did not report at
 * deployment, resolved at their first call. With {@code dogpile.enabled=false} no store is set up and
 * every call goes straight to the method; {@link DogpileCaches} then works on an empty in-memory
 * store, so invalidations are no-ops. The interceptors and {@link DogpileCaches} get it
 * injected. Registered by {@link DogpileExtension}.
 */
@ApplicationScoped
class DogpileRuntime {
    private static final System.Logger LOG = System.getLogger(DogpileRuntime.class.getName());

    private final BeanManager beanManager;
    private final DogpileRegistry registry;
    private final ConcurrentMap<Class<?>, ConcurrentMap<Method, Optional<Operation>>> unreported =
        new ConcurrentHashMap<>();
    private EngineSetup.Engine engine;
    private AfterCommitInvalidations invalidations;

    /** For the container's client proxy only. */
    DogpileRuntime() {
        this(null, null);
    }

    /**
     * @param beanManager to find application beans (store, Hazelcast instance)
     * @param registry what the deployment declared
     */
    @Inject
    DogpileRuntime(BeanManager beanManager, DogpileRegistry registry) {
        this.beanManager = beanManager;
        this.registry = registry;
    }

    @PostConstruct
    void start() {
        if (registry.enabled()) {
            engine = EngineSetup.create(beanManager, registry.config(), registry.classLoader());
        } else {
            LOG.log(INFO, "dogpile: " + ConfigKeys.ENABLED + "=false: cached methods run on every call");
            engine = new EngineSetup.Engine(new DogpileEngine(new InMemoryStore(), Runnable::run), () -> { });
        }
        invalidations = AfterCommitInvalidations.create(registry.config(), registry.classLoader());
    }

    @PreDestroy
    void stop() {
        engine.onShutdown().run();
    }

    /** @return the engine */
    DogpileEngine engine() {
        return engine.engine();
    }

    /** @return when invalidations take effect relative to the caller's transaction */
    AfterCommitInvalidations invalidations() {
        return invalidations;
    }

    /**
     * Runs one intercepted call: through the method's operation when it has one of the given kind,
     * straight to the method otherwise.
     *
     * @param kind the kind of operation the calling interceptor runs
     * @param beanClass the intercepted bean's class
     * @param context the invocation
     * @return the call's result
     * @throws Exception the method's exception unchanged, or the engine's
     */
    Object invoke(Class<? extends Operation> kind, Class<?> beanClass, InvocationContext context) throws Exception {
        Operation operation = registry.enabled() ? operation(beanClass, context.getMethod()) : null;
        if (!kind.isInstance(operation)) {
            return context.proceed();
        }
        if (operation instanceof InvalidationMethod invalidation) {
            return invalidation.invoke(engine(), invalidations, context.getParameters(), context::proceed);
        }
        return operation.invoke(engine(), context.getParameters(), context::proceed);
    }

    /**
     * The operation of a method of a bean: from the registry, or for a bean the container did not
     * report, built from its annotations at the first call (and an exception then when they are wrong).
     *
     * @param beanClass the bean class
     * @param method the method
     * @return the operation, or {@code null} when calls pass through
     */
    Operation operation(Class<?> beanClass, Method method) {
        Map<Method, Operation> reported = registry.operations(beanClass);
        if (reported != null) {
            return reported.get(method);
        }
        return unreported.computeIfAbsent(beanClass, c -> new ConcurrentHashMap<>())
            .computeIfAbsent(method, m -> resolve(beanClass, m)).orElse(null);
    }

    private Optional<Operation> resolve(Class<?> beanClass, Method method) {
        List<String> problems = new ArrayList<>();
        Optional<Operation> operation = new OperationFactory(registry.config())
            .operation(OperationFactory.Annotations.of(beanClass, method), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return operation;
    }
}
