package org.dogpile;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Marks the parameters that form the cache key; when none is marked, all parameters do. */
@Documented
@Retention(RUNTIME)
@Target(PARAMETER)
public @interface DogpileKey {
}
