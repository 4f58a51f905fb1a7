package org.dogpile.cdi.repeated;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.dogpile.Dogpile;
import org.dogpile.cdi.DogpileInterceptor;

/**
 * A second copy of the Dogpile interceptor in the same chain, right after the first: what Payara 6
 * does for the methods of session beans.
 */
@Dogpile
@Interceptor
@Priority(DogpileInterceptor.PRIORITY + 1)
public class RepeatedDogpileInterceptor extends DogpileInterceptor {
    private static final long serialVersionUID = 1L;
}
