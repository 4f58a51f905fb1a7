package org.dogpile.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.dogpile.Dogpile;

/**
 * The interceptor behind {@link Dogpile}: runs the call through the method's precomputed metadata,
 * which builds the key and calls the engine; the engine runs the method only when this caller has to
 * regenerate. Registered by {@link DogpileExtension}; applications do not enable it.
 */
@Dogpile
@Interceptor
@Priority(DogpileInterceptor.PRIORITY)
public class DogpileInterceptor extends InterceptorBase {

    /**
     * The priority of the Dogpile interceptors: {@code Interceptor.Priority.LIBRARY_BEFORE + 100}.
     *
     * <p>Early in the chain, so a cached value is returned before the application's interceptors
     * and the later library and platform ones run: MicroProfile Fault Tolerance
     * ({@code PLATFORM_AFTER + 10}) then guards only real regenerations, so retries, timeouts,
     * bulkheads and circuit breakers count method calls, not cache hits. Still after the platform's
     * early interceptors ({@code PLATFORM_BEFORE} range: transactions, security), so a caller who
     * may not call the method does not get its cached value either.
     */
    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 100;

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Creates the interceptor; the container does this. */
    public DogpileInterceptor() {
        super(CachedMethod.class);
    }
}
