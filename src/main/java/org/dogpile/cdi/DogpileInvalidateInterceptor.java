package org.dogpile.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.dogpile.DogpileInvalidate;

/**
 * The interceptor behind {@link DogpileInvalidate}: runs the method, then invalidates when it
 * returned normally. Registered by {@link DogpileExtension}, at {@link DogpileInterceptor#PRIORITY}.
 */
@DogpileInvalidate(cache = "")
@Interceptor
@Priority(DogpileInterceptor.PRIORITY)
public class DogpileInvalidateInterceptor extends InterceptorBase {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Creates the interceptor; the container does this. */
    public DogpileInvalidateInterceptor() {
        super(InvalidationMethod.class);
    }
}
