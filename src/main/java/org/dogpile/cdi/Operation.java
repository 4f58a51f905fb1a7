package org.dogpile.cdi;

import java.lang.reflect.Method;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.Loader;

/**
 * What the interceptors do for one method of one bean, computed once at deployment: cache its
 * result ({@link CachedMethod}) or invalidate after it ({@link InvalidationMethod}). Plain Java.
 */
interface Operation {

    /** @return the intercepted method */
    Method method();

    /**
     * Runs one call.
     *
     * @param engine the engine
     * @param args the call's arguments
     * @param proceed runs the method itself
     * @return the call's result, in the method's return type
     * @throws Exception the method's exception unchanged, or the engine's
     */
    Object invoke(DogpileEngine engine, Object[] args, Loader<Object> proceed) throws Exception;
}
