package org.dogpile.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import org.dogpile.DogpileInvalidate;

/**
 * The interceptor behind {@link DogpileInvalidate}: runs the method, then invalidates when it
 * returned normally. Registered by {@link DogpileExtension}, at {@link DogpileInterceptor#PRIORITY}.
 */
@DogpileInvalidate(cache = "")
@Interceptor
@Priority(DogpileInterceptor.PRIORITY)
public class DogpileInvalidateInterceptor implements Serializable {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    @Inject
    BeanManager beanManager;

    private transient DogpileExtension extension;

    /** Creates the interceptor; the container does this. */
    public DogpileInvalidateInterceptor() {
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
