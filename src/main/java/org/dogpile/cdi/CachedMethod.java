package org.dogpile.cdi;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.Loader;

/**
 * Everything the interceptor needs about one {@code @Dogpile} method, computed once: cache name,
 * policy, key function and return kind. {@link #invoke} is the whole per-call work: build the key,
 * call the engine, adapt {@code Optional} and {@code CompletionStage} results. Plain Java, so tests
 * drive it without a container.
 *
 * <h2>Asynchronous methods</h2>
 * The engine's loader is synchronous: it must return the value to store, and the regeneration lock
 * lives until it returns. For a {@code CompletionStage} method the loader therefore calls the method
 * on the caller's thread (so it starts in the caller's context) and waits for its stage, bounded by
 * the lock timeout: the lease is renewed while the stage runs, and nobody waits for a value longer
 * than the lock timeout anyway, so a stage that never completes cannot hold the key. So:
 * <ul>
 * <li>fresh and stale hits never block: the caller gets a completed stage at once;</li>
 * <li>the one caller per JVM that regenerates (and callers that have no value yet) wait for the
 *     stage, at most the lock timeout; with {@code background = true} the wait happens on the executor and
 *     every caller with a value gets it at once;</li>
 * <li>a stage that fails is not stored; its failure reaches the caller as a failed stage (and the
 *     callers of the same JVM that waited for that attempt), or the stale value is returned under
 *     stale-if-error;</li>
 * <li>a stage still running when the lock timeout runs out is not stored: the lock is released and the
 *     callers get that very stage, so they still see its eventual outcome.</li>
 * </ul>
 * An exception the method throws instead of returning a stage is thrown to the caller unchanged.
 */
final class CachedMethod implements Operation {

    private final Method method;
    private final String cache;
    private final String shortName;
    private final DogpilePolicy policy;
    private final KeyFunction keys;
    private final ReturnKind kind;

    /**
     * @param method the annotated method
     * @param cache the cache name
     * @param shortName the short configuration name of a default-named cache, or {@code null}
     * @param policy the policy
     * @param keys computes keys from all arguments
     * @param kind the return kind
     */
    CachedMethod(Method method, String cache, String shortName, DogpilePolicy policy, KeyFunction keys,
            ReturnKind kind) {
        this.method = Objects.requireNonNull(method);
        this.cache = Objects.requireNonNull(cache);
        this.shortName = shortName;
        this.policy = Objects.requireNonNull(policy);
        this.keys = Objects.requireNonNull(keys);
        this.kind = Objects.requireNonNull(kind);
    }

    @Override
    public Method method() {
        return method;
    }

    String cache() {
        return cache;
    }

    String shortName() {
        return shortName;
    }

    DogpilePolicy policy() {
        return policy;
    }

    ReturnKind kind() {
        return kind;
    }

    /**
     * @param args all arguments of a call
     * @return the call's key
     */
    String keyOf(Object[] args) {
        return keys.keyOf(args);
    }

    /**
     * Returns the cached result of one call, regenerating it through {@code proceed} as the engine decides.
     *
     * @param engine the engine
     * @param args the call's arguments
     * @param proceed runs the method itself
     * @return the result, in the method's return type
     * @throws Exception the method's exception unchanged, or the engine's
     */
    @Override
    public Object invoke(DogpileEngine engine, Object[] args, Loader<Object> proceed) throws Exception {
        String key = keys.keyOf(args);
        switch (kind) {
            case VALUE:
                return engine.get(cache, key, policy, proceed);
            case OPTIONAL:
                return Optional.ofNullable(engine.get(cache, key, policy, () -> unwrap(proceed.load())));
            default:
                return invokeStage(engine, key, proceed);
        }
    }

    private Object invokeStage(DogpileEngine engine, String key, Loader<Object> proceed) throws Exception {
        try {
            Object value = engine.get(cache, key, policy, () -> await(key, (CompletionStage<?>) proceed.load()));
            return CompletableFuture.completedFuture(kind.isOptional() ? Optional.ofNullable(value) : value);
        } catch (StageFailed failed) {
            return CompletableFuture.failedFuture(failed.getCause());
        } catch (StageStillRunning running) {
            return running.stage.thenApply(Function.identity());
        }
    }

    /** Waits for the method's stage, at most the lock timeout; the value to store, or why there is none. */
    private Object await(String key, CompletionStage<?> stage) throws Exception {
        if (stage == null) {
            throw new NullPointerException(Signatures.of(method) + " returned a null stage for key '" + key + "'");
        }
        CompletableFuture<Object> done = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(value);
            }
        });
        try {
            Object value = done.get(policy.lockTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return kind.isOptional() ? unwrap(value) : value;
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            throw new StageFailed(cause instanceof CompletionException && cause.getCause() != null
                ? cause.getCause() : cause);
        } catch (TimeoutException tooLong) {
            throw new StageStillRunning(stage, "the stage of " + Signatures.of(method) + " for key '" + key
                + "' did not complete within the lock timeout of " + policy.lockTimeout() + "; its result is not cached");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StageStillRunning(stage, "interrupted while waiting for the stage of "
                + Signatures.of(method) + " for key '" + key + "'; its result is not cached");
        }
    }

    private static Object unwrap(Object optional) {
        return optional == null ? null : ((Optional<?>) optional).orElse(null);
    }

    /** Carries a failed stage's cause through the engine (which passes loader exceptions on unchanged). */
    private static final class StageFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StageFailed(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    /** Carries a stage that outlived the lock timeout through the engine, to hand it to the callers. */
    private static final class StageStillRunning extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient CompletionStage<?> stage;

        StageStillRunning(CompletionStage<?> stage, String message) {
            super(message, null, false, false);
            this.stage = stage;
        }
    }
}
