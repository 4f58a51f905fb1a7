package org.dogpile;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Invalidates one key of one or more caches, cluster-wide, after the annotated method returns
 * normally (for a {@code CompletionStage} result: after the stage completes normally). The key is
 * built from this method's arguments with the same rules as {@link Dogpile}: the {@link DogpileKey}
 * parameters, or all parameters when none is marked, so mark the parameters that correspond to the
 * cached method's key parameters:
 *
 * <pre>{@code
 * @Dogpile(cache = "prices")
 * public PriceList prices(String region) { ... }
 *
 * @DogpileInvalidate(cache = "prices")
 * public void updatePrices(@DogpileKey String region, PriceList newPrices) { ... }
 * }</pre>
 *
 * Caches with a custom {@link Dogpile#keyGenerator()} cannot be invalidated by key this way; use
 * {@code DogpileCaches}.
 *
 * <p>Only methods may carry it; the {@code TYPE} target exists because CDI requires it of an
 * interceptor binding, and a class carrying it fails the deployment.
 */
@Documented
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface DogpileInvalidate {

    /**
     * The caches to invalidate the key in.
     *
     * @return one or more cache names, none empty
     */
    @Nonbinding
    String[] cache();

    /**
     * Soft invalidation marks the entry stale (the next caller regenerates while the others keep the
     * old value); hard invalidation removes it (the next callers wait for a new value).
     *
     * @return {@code true} for soft; default {@code false} (hard)
     */
    @Nonbinding
    boolean soft() default false;
}
