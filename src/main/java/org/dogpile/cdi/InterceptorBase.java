package org.dogpile.cdi;

import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/**
 * What the three interceptors share: each call goes to the runtime bean with the intercepted bean's
 * class and the kind of operation the interceptor runs. Three classes exist only because an
 * interceptor applies where all of its bindings are present.
 */
abstract class InterceptorBase implements Serializable {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The kind of operation this interceptor runs. */
    private final Class<? extends Operation> kind;
    /** The intercepted bean's class: which bean's metadata applies. */
    private Class<?> beanClass;
    /** The application's runtime bean (a client proxy, serializable). */
    private DogpileRuntime runtime;

    /** @param kind the kind of operation the interceptor runs */
    InterceptorBase(Class<? extends Operation> kind) {
        this.kind = kind;
    }

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
     * Runs the call through the method's operation, or straight to the method when it has none.
     *
     * @param context the invocation
     * @return the method's (cached) result
     * @throws Exception the method's exception unchanged, or the engine's
     */
    @AroundInvoke
    public Object intercept(InvocationContext context) throws Exception {
        return runtime.invoke(kind, beanClass, context);
    }
}
