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
import org.dogpile.cdi.metrics.Observability;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.Loader;
import org.dogpile.engine.stats.StatsRecorder;
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
    private Observability observability;
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
        observability = Observability.start(beanManager, registry.classLoader(), registry.cacheNames());
        if (registry.enabled()) {
            engine = EngineSetup.create(beanManager, registry.config(), registry.classLoader(), observability.listener());
        } else {
            LOG.log(INFO, "DOGPILE-3007: " + ConfigKeys.ENABLED + "=false: cached methods run on every call");
            engine = new EngineSetup.Engine(new DogpileEngine(new InMemoryStore(), Runnable::run), () -> { });
        }
        invalidations = AfterCommitInvalidations.create(registry.config(), registry.classLoader());
    }

    @PreDestroy
    void stop() {
        try {
            engine.onShutdown().run();
        } finally {
            observability.close();
        }
    }

    /** @return the counters of this application's caches */
    StatsRecorder stats() {
        return observability.stats();
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
        if (!kind.isInstance(operation) || Proceeding.repeats(kind, context)) {
            return context.proceed();
        }
        Loader<Object> proceed = () -> Proceeding.proceed(kind, context);
        if (operation instanceof InvalidationMethod invalidation) {
            return invalidation.invoke(engine(), invalidations, context.getParameters(), proceed);
        }
        return operation.invoke(engine(), context.getParameters(), proceed);
    }

    /**
     * The call whose method a Dogpile interceptor of this thread is running. Payara 6 puts each
     * Dogpile interceptor twice into the chain of a session bean method; the inner copy would see
     * its own key's regeneration in flight and wait for itself (a cold call until the lock timeout),
     * or find the stale value and hand it back to be stored as new, so the method would never run
     * again. The inner copy of the same call therefore goes straight on. It is the same call when
     * the kind of interceptor, the target and the method are the same and the arguments equal (a
     * method calling itself with the same arguments through its bean would wait for itself too).
     */
    private record Proceeding(Class<? extends Operation> kind, InvocationContext context) {
        private static final ThreadLocal<Proceeding> CURRENT = new ThreadLocal<>();

        static Object proceed(Class<? extends Operation> kind, InvocationContext context) throws Exception {
            Proceeding outer = CURRENT.get();
            CURRENT.set(new Proceeding(kind, context));
            try {
                return context.proceed();
            } finally {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        }

        static boolean repeats(Class<? extends Operation> kind, InvocationContext context) {
            Proceeding running = CURRENT.get();
            return running != null && running.kind == kind && running.isSameCall(context);
        }

        private boolean isSameCall(InvocationContext other) {
            if (context == other) {
                return true;
            }
            if (context.getTarget() != other.getTarget() || !context.getMethod().equals(other.getMethod())) {
                return false;
            }
            Object[] mine = context.getParameters();
            Object[] theirs = other.getParameters();
            if (mine.length != theirs.length) {
                return false;
            }
            for (int i = 0; i < mine.length; i++) {
                if (mine[i] != theirs[i] && (mine[i] == null || !mine[i].equals(theirs[i]))) {
                    return false;
                }
            }
            return true;
        }
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
