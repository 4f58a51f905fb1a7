package org.dogpile.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.dogpile.DogpileInvalidateAll;

/**
 * The interceptor behind {@link DogpileInvalidateAll}: runs the method, then invalidates when it
 * returned normally. Registered by {@link DogpileExtension}, at {@link DogpileInterceptor#PRIORITY}.
 */
@DogpileInvalidateAll(cache = "")
@Interceptor
@Priority(DogpileInterceptor.PRIORITY)
public class DogpileInvalidateAllInterceptor extends InterceptorBase {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Creates the interceptor; the container does this. */
    public DogpileInvalidateAllInterceptor() {
        super(InvalidationMethod.class);
    }
}
