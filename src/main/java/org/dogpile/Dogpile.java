package org.dogpile;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.engine.StoreFailureFallback;

/**
 * Caches a method's result and protects it from cache stampedes across the cluster: when the value
 * expires, exactly one caller in the whole cluster runs the method again while every other caller
 * keeps getting the old (stale) value; callers wait only when no value exists at all.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class PriceService {
 *     @Dogpile(expireAfter = 30)                      // seconds
 *     public PriceList prices(String region) { return slowBackend.load(region); }
 * }
 * }</pre>
 *
 * <p>On a method, it applies to that method. On a class, it applies to every business method of
 * the bean that returns a value, except {@code equals}, {@code hashCode}, {@code toString} and
 * methods carrying {@link DogpileInvalidate} or {@link DogpileInvalidateAll}; an annotation on a
 * method replaces the class's one entirely. Methods on a bean class only (CDI beans and EJBs); the
 * bean is intercepted by the {@code DogpileInterceptor} that the library's portable extension
 * registers, so the jar needs no {@code beans.xml} and the application no configuration.
 *
 * <h2>Keys</h2>
 * The value of one call is stored under <em>(cache, key)</em>:
 * <ol>
 * <li>The cache is {@link #cache()}, or when empty the method's signature: the declaring class's
 *     name, {@code #}, the method name and the parameter type names, for example
 *     {@code com.acme.PriceService#prices(java.lang.String)}. Methods naming the same cache share
 *     its values and are invalidated together.</li>
 * <li>With a {@link #keyGenerator()}, the key is what the generator returns for the method and all
 *     arguments; the rules below do not apply.</li>
 * <li>Otherwise, the key parameters are the parameters annotated with {@link DogpileKey}, or all
 *     parameters when none is annotated; a method without parameters has one key.</li>
 * <li>The key is a deterministic, length-prefixed and typed encoding of the key arguments, in
 *     declaration order, equal in every JVM for equal arguments and different for different ones
 *     (strings, primitives, enums, {@code java.time} values, records, collections, your types
 *     implementing {@link org.dogpile.key.StableKey}, and more: see
 *     {@link org.dogpile.key.ArgumentKeys}). A key parameter whose type cannot be encoded stably
 *     fails the deployment, naming class, method and parameter.</li>
 * <li>The bean instance ({@code this}) is never part of the key: two instances of a bean (or two
 *     beans inheriting an annotated method) share the values of one cache.</li>
 * </ol>
 *
 * <h2>Return types</h2>
 * Plain values, {@code null} (stored as a marker when {@link #cacheNull()}), {@code Optional}
 * (stored unwrapped, rewrapped on the way out), and {@code CompletionStage} or
 * {@code CompletableFuture}, possibly of an {@code Optional} (the completed value is stored; a
 * failed stage is not stored and its failure reaches the caller). Values are stored in the cluster,
 * so they must be serializable. {@code void} methods cannot be annotated.
 *
 * <h2>Configuration</h2>
 * With MicroProfile Config, {@code dogpile.<cache>.<property>} overrides a member for every method
 * of that cache: {@code expire-after}, {@code unit}, {@code max-stale}, {@code lock-timeout-millis},
 * {@code on-lock-timeout}, {@code lease-millis}, {@code stale-if-error}, {@code background},
 * {@code cache-null}. An unknown property or an invalid value fails the deployment.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface Dogpile {

    /**
     * How long a value stays fresh, in {@link #unit()}; positive.
     *
     * @return the freshness period; default 60
     */
    @Nonbinding
    long expireAfter() default 60;

    /**
     * The unit of {@link #expireAfter()}, {@link #maxStale()} and {@link #staleIfError()}.
     *
     * @return the unit; default {@link TimeUnit#SECONDS}
     */
    @Nonbinding
    TimeUnit unit() default TimeUnit.SECONDS;

    /**
     * The cache name; empty means the method's signature (see the class documentation).
     *
     * @return the cache name; default empty
     */
    @Nonbinding
    String cache() default "";

    /**
     * How long after expiring a value may still be served stale, in {@link #unit()}; the store drops
     * the entry after that. {@code -1} means as long as {@link #expireAfter()}; otherwise zero or more.
     *
     * @return the stale window; default -1
     */
    @Nonbinding
    long maxStale() default -1;

    /**
     * How long a caller with no value to return waits for the regeneration lock, in milliseconds;
     * positive.
     *
     * @return the lock timeout; default 10000
     */
    @Nonbinding
    long lockTimeoutMillis() default 10_000;

    /**
     * What a caller does when {@link #lockTimeoutMillis()} passed without a value.
     *
     * @return the fallback; default {@link LockTimeoutFallback#CALL_WITHOUT_CACHING}
     */
    @Nonbinding
    LockTimeoutFallback onLockTimeout() default LockTimeoutFallback.CALL_WITHOUT_CACHING;

    /**
     * How long a regeneration lock is held without renewal, in milliseconds; positive. A running
     * regeneration renews it every third of it, so a slow method never runs twice, while a crashed
     * holder blocks others for at most this long.
     *
     * @return the lease; default 5000
     */
    @Nonbinding
    long leaseMillis() default 5_000;

    /**
     * How long after expiring a stale value is returned instead of the method's exception, in
     * {@link #unit()}; zero turns this off.
     *
     * @return the stale-if-error window; default 0
     */
    @Nonbinding
    long staleIfError() default 0;

    /**
     * Whether, once a value exists, the method runs on a background executor (the container's
     * default managed executor when there is one) while even the caller that won the lock returns
     * the stale value.
     *
     * @return {@code true} for background regeneration; default {@code false}
     */
    @Nonbinding
    boolean background() default false;

    /**
     * Whether a {@code null} result (or an empty {@code Optional}) is cached; when {@code false},
     * the next call runs the method again.
     *
     * @return {@code true} to cache {@code null}; default {@code true}
     */
    @Nonbinding
    boolean cacheNull() default true;

    /**
     * What a caller does when the store fails or does not answer within its bound: get the method's
     * own result without caching (fail open), or a {@code StoreUnavailableException}.
     *
     * @return the fallback; default {@link StoreFailureFallback#CALL_WITHOUT_CACHING}
     */
    @Nonbinding
    StoreFailureFallback onStoreFailure() default StoreFailureFallback.CALL_WITHOUT_CACHING;

    /**
     * How long, in milliseconds, a fresh value read from a shared store may be served from this
     * JVM's local tier before the store is asked again; the store's change events usually drop a
     * copy within milliseconds, this bounds staleness when one is late or lost. Zero turns the local
     * tier off for this cache (for values that callers mutate: copies are shared instances).
     *
     * @return the local-tier TTL; default 1000
     */
    @Nonbinding
    long localTtlMillis() default 1_000;

    /**
     * Early refresh (XFetch): with a positive factor, one caller refreshes a fresh value on the
     * executor shortly before it expires, with a probability that rises as expiry nears, scaled by
     * how long the last computation took, so nobody sees it expire. {@code 1} is the usual choice,
     * larger refreshes earlier; {@code 0} is off.
     *
     * @return the XFetch factor, 0 to 100; default 0
     */
    @Nonbinding
    double earlyRefresh() default 0;

    /**
     * A custom key generator; the default, {@link DogpileKeyGenerator} itself, means none.
     *
     * @return the generator class, with a public no-argument constructor
     */
    @Nonbinding
    Class<? extends DogpileKeyGenerator> keyGenerator() default DogpileKeyGenerator.class;
}
