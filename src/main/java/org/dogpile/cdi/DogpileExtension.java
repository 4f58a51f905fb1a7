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
import jakarta.enterprise.inject.spi.Decorator;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;
import org.dogpile.DogpileInvalidateAll;

/**
 * The CDI portable extension that makes {@link Dogpile}, {@link DogpileInvalidate} and
 * {@link DogpileInvalidateAll} work. Registered in {@code META-INF/services}, so an application only
 * needs the jar (which is not a bean archive itself). It
 * <ul>
 * <li>registers the interceptor bindings, the interceptors, the {@link DogpileCaches} bean and the
 *     runtime bean that owns the engine;</li>
 * <li>validates every annotated method of every managed bean (EJBs included) and fails the
 *     deployment with a message naming class, method and wrong value: {@code void} methods, key
 *     parameters that cannot be encoded stably, key generators without a public no-argument
 *     constructor, non-positive durations, private, static or final methods, and unknown or invalid
 *     {@code dogpile.*} configuration;</li>
 * <li>hands what it validated, per bean and method, to the runtime as an immutable registry.</li>
 * </ul>
 * It holds no state once the deployment is validated.
 */
public class DogpileExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(DogpileExtension.class.getName());

    private ConfigLookup config;
    private DogpileRegistry.Builder registry;
    private OperationFactory operations;
    private DogpileRegistry built;

    /** Creates the extension; the container does this through {@code META-INF/services}. */
    public DogpileExtension() {
    }

    void registerTypes(@Observes BeforeBeanDiscovery event, BeanManager manager) {
        ClassLoader classLoader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
            .orElse(DogpileExtension.class.getClassLoader());
        config = ConfigLookup.detect(classLoader);
        registry = new DogpileRegistry.Builder(config, classLoader);
        operations = new OperationFactory(config);
        event.addInterceptorBinding(manager.createAnnotatedType(Dogpile.class));
        event.addInterceptorBinding(manager.createAnnotatedType(DogpileInvalidate.class));
        event.addInterceptorBinding(manager.createAnnotatedType(DogpileInvalidateAll.class));
        for (Class<?> type : List.of(DogpileInterceptor.class, DogpileInvalidateInterceptor.class,
                DogpileInvalidateAllInterceptor.class, DogpileCaches.class, DogpileRuntime.class)) {
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
        for (Class<? extends Annotation> methodOnly : List.of(DogpileInvalidate.class, DogpileInvalidateAll.class)) {
            if (type.isAnnotationPresent(methodOnly)) {
                problems.add("@" + methodOnly.getSimpleName() + " on " + type.getJavaClass().getName()
                    + ": only methods can carry it, not the class");
            }
        }
        boolean intercepted = classLevel != null;
        for (AnnotatedMethod<? super X> method : type.getMethods()) {
            OperationFactory.Annotations annotations = new OperationFactory.Annotations(bean.getBeanClass(),
                method.getJavaMember(),
                method.getAnnotation(Dogpile.class), method.getAnnotation(DogpileInvalidate.class),
                method.getAnnotation(DogpileInvalidateAll.class), classLevel);
            intercepted |= annotations.cached() != null || annotations.invalidate() != null
                || annotations.invalidateAll() != null;
            operations.operation(annotations, problems).ifPresent(operation -> registry.add(bean, operation));
        }
        if (intercepted) {
            registry.bean(bean.getBeanClass());
            if (Modifier.isFinal(type.getJavaClass().getModifiers())) {
                problems.add("@Dogpile on " + type.getJavaClass().getName()
                    + ": a final class cannot be intercepted: final");
            }
        }
        problems.forEach(problem -> event.addDefinitionError(new DefinitionException(problem)));
    }

    void validateConfiguration(@Observes AfterBeanDiscovery event) {
        List<String> problems = new ArrayList<>(ConfigKeys.problems(config, registry.cacheMethods()));
        String storeProblem = EngineSetup.checkStoreProperty(config);
        if (storeProblem != null) {
            problems.add(storeProblem);
        }
        boolean enabled = true;
        try {
            enabled = config.booleanValue(ConfigKeys.ENABLED).orElse(true);
        } catch (IllegalArgumentException invalid) {
            problems.add("invalid value '" + config.value(ConfigKeys.ENABLED).orElse("") + "' of "
                + ConfigKeys.ENABLED + ": expected true or false");
        }
        Optional.ofNullable(AfterCommitInvalidations.check(config)).ifPresent(problems::add);
        Optional.ofNullable(Namespace.check(config)).ifPresent(problems::add);
        problems.forEach(problem -> event.addDefinitionError(new DefinitionException(problem)));
        built = registry.build(enabled);
        DogpileRegistry provided = built;
        event.addBean().beanClass(DogpileRegistry.class).types(DogpileRegistry.class).scope(Singleton.class)
            .createWith(context -> provided);
        config = null;
        registry = null;
        operations = null;
    }

    void warnAboutUnusedCaches(@Observes AfterDeploymentValidation event) {
        DogpileRegistry deployed = built;
        built = null;
        deployed.invalidations().forEach(invalidation -> invalidation.caches().stream()
            .filter(cache -> !deployed.cacheNames().contains(cache))
            .forEach(cache -> LOG.log(WARNING, () -> "dogpile: " + Signatures.of(invalidation.method())
                + " invalidates cache '" + cache + "', which no @Dogpile method of this deployment uses")));
    }
}
