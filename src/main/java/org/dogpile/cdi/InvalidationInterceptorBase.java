package org.dogpile.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/**
 * What {@link DogpileInvalidateInterceptor} and {@link DogpileInvalidateAllInterceptor} share: run
 * the method, then apply the invalidation precomputed for it. Two classes exist only because an
 * interceptor applies where all of its bindings are present.
 */
abstract class InvalidationInterceptorBase implements Serializable {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    @Inject
    BeanManager beanManager;

    private transient DogpileExtension extension;

    /**
     * Runs the method, then invalidates.
     *
     * @param context the invocation
     * @return the method's result
     * @throws Exception the method's exception, unchanged; nothing is invalidated then
     */
    @AroundInvoke
    public Object invalidate(InvocationContext context) throws Exception {
        DogpileExtension dogpile = extension;
        if (dogpile == null) {
            dogpile = beanManager.getExtension(DogpileExtension.class);
            extension = dogpile;
        }
        InvalidationMethod method = dogpile.invalidationMethod(context.getMethod());
        if (method == null) {
            return context.proceed();
        }
        return method.invoke(dogpile.engine(), context.getParameters(), context::proceed);
    }
}
