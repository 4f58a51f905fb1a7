package org.dogpile;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a cached method as part of the cache key.
 *
 * <p>When at least one parameter of a method carries this annotation, exactly the annotated
 * parameters form the key, in declaration order; the others are ignored (use it to leave out
 * parameters that do not change the result, such as a logger, a timeout or a request context, or
 * whose type cannot be encoded stably). When no parameter carries it, all parameters form the key.
 *
 * <pre>{@code
 * @Dogpile(expireAfter = 30)
 * public PriceList prices(@DogpileKey String region, @DogpileKey LocalDate day, Tracer tracer) { ... }
 * }</pre>
 *
 * <p>The rules by which arguments become keys are listed in {@link org.dogpile.key.ArgumentKeys}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface DogpileKey {
}
