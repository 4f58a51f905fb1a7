package org.dogpile.cdi;

import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
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

    /** The intercepted bean's class: which bean's metadata applies. */
    private Class<?> beanClass;
    /** The application's runtime bean (a client proxy, serializable). */
    private DogpileRuntime runtime;

    /**
     * @param bean the intercepted bean
     * @param runtime the application's runtime bean
     */
    @Inject
    void init(@Intercepted Bean<?> bean, DogpileRuntime runtime) {
        this.beanClass = bean.getBeanClass();
        this.runtime = runtime;
    }

    /**
     * Runs the method, then invalidates.
     *
     * @param context the invocation
     * @return the method's result
     * @throws Exception the method's exception, unchanged; nothing is invalidated then
     */
    @AroundInvoke
    public Object invalidate(InvocationContext context) throws Exception {
        return runtime.invoke(InvalidationMethod.class, beanClass, context);
    }
}
