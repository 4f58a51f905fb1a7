package org.dogpile.cdi;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.Loader;

/**
 * What the invalidation interceptors need about one {@code @DogpileInvalidate} or
 * {@code @DogpileInvalidateAll} method, computed once. Plain Java.
 */
final class InvalidationMethod implements Operation {
    private final Method method;
    private final List<String> caches;
    private final boolean soft;
    private final KeyFunction keys;

    /**
     * @param method the annotated method
     * @param caches the caches to invalidate
     * @param soft soft (mark stale) rather than hard (remove)
     * @param keys the key of one call, or {@code null} to invalidate whole caches
     */
    InvalidationMethod(Method method, List<String> caches, boolean soft, KeyFunction keys) {
        this.method = method;
        this.caches = List.copyOf(caches);
        this.soft = soft;
        this.keys = keys;
    }

    @Override
    public Method method() {
        return method;
    }

    List<String> caches() {
        return caches;
    }

    /**
     * Runs the method, then invalidates when it returned normally (for a stage: completed normally).
     *
     * @param engine the engine
     * @param args the call's arguments
     * @param proceed runs the method
     * @return the method's result
     * @throws Exception the method's exception, unchanged (nothing is invalidated then)
     */
    @Override
    public Object invoke(DogpileEngine engine, Object[] args, Loader<Object> proceed) throws Exception {
        return invoke(engine, AfterCommitInvalidations.IMMEDIATE, args, proceed);
    }

    /**
     * Runs the method, then invalidates when it returned normally (for a stage: completed normally),
     * at the time the application's timing gives (after the caller's transaction commits, by default).
     *
     * @param engine the engine
     * @param timing when the invalidation takes effect
     * @param args the call's arguments
     * @param proceed runs the method
     * @return the method's result
     * @throws Exception the method's exception, unchanged (nothing is invalidated then)
     */
    Object invoke(DogpileEngine engine, AfterCommitInvalidations timing, Object[] args, Loader<Object> proceed)
            throws Exception {
        String key = keys == null ? null : keys.keyOf(args); // before the call: the method may change its arguments
        Object result = proceed.load();
        if (result instanceof CompletionStage<?> stage) {
            return stage.thenApply(value -> {
                timing.apply(() -> invalidate(engine, key));
                return value;
            });
        }
        timing.apply(() -> invalidate(engine, key));
        return result;
    }

    private void invalidate(DogpileEngine engine, String key) {
        for (String cache : caches) {
            if (key == null && soft) {
                engine.invalidateAllSoftly(cache);
            } else if (key == null) {
                engine.invalidateAll(cache);
            } else if (soft) {
                engine.invalidateSoftly(cache, key);
            } else {
                engine.invalidate(cache, key);
            }
        }
    }
}
