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
 * Invalidates every entry of one or more caches, cluster-wide, after the annotated method returns
 * normally (for a {@code CompletionStage} result: after the stage completes normally).
 *
 * <pre>{@code
 * @DogpileInvalidateAll(cache = "prices")
 * public void reloadAllPrices() { ... }
 * }</pre>
 *
 * <p>Only methods may carry it; the {@code TYPE} target exists because CDI requires it of an
 * interceptor binding, and a class carrying it fails the deployment.
 */
@Documented
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface DogpileInvalidateAll {

    /**
     * The caches to invalidate.
     *
     * @return one or more cache names, none empty
     */
    @Nonbinding
    String[] cache();

    /**
     * Soft invalidation marks every entry stale; hard invalidation removes them.
     *
     * @return {@code true} for soft; default {@code false} (hard)
     */
    @Nonbinding
    boolean soft() default false;
}
