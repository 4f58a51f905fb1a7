package org.dogpile.store;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a time bound on store operations whose backend can block: a frozen cluster member makes a
 * plain Hazelcast call wait for its failure detector (a minute and more), and the engine promises
 * that a cache outage never hangs a caller. Asynchronous operations are awaited at most the bound;
 * synchronous ones run on a small pool of daemon threads and are awaited at most the bound. Past it,
 * or when the pool is saturated by calls still stuck in the backend, the call fails at once with
 * {@link StoreException}. Thread-safe; {@link #close()} stops the pool.
 */
public final class BoundedCalls implements AutoCloseable {

    /** The default bound of one store operation: 1 second. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** The system property that changes the default bound, in milliseconds. */
    public static final String TIMEOUT_PROPERTY = "dogpile.store.operation-timeout-millis";
    /** How many blocking calls may be in the backend at once before calls fail fast. */
    private static final int MAX_THREADS = 32;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final long timeoutNanos;
    private final ThreadPoolExecutor pool;

    /**
     * @param timeout the bound of each operation; positive
     */
    public BoundedCalls(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout cannot be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("store operation timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.pool = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "dogpile-store-call-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The bound stores use unless told otherwise: {@value #TIMEOUT_PROPERTY} when set (a whole number
     * of milliseconds), else {@link #DEFAULT_TIMEOUT}.
     *
     * @return the default bound
     * @throws IllegalArgumentException when the property is set to something else
     */
    public static Duration configuredTimeout() {
        String configured = System.getProperty(TIMEOUT_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long millis = Long.parseLong(configured.trim());
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(TIMEOUT_PROPERTY + " must be a positive number of milliseconds: " + configured);
    }

    /** @return the bound of each operation */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /**
     * Runs a blocking operation, waiting at most the bound.
     *
     * @param what the operation and cache, for the message
     * @param operation the operation
     * @param <T> its result type
     * @return its result
     * @throws StoreException when it fails, times out, or the pool is saturated
     */
    public <T> T call(String what, Callable<T> operation) {
        Future<T> future;
        try {
            future = pool.submit(operation);
        } catch (RejectedExecutionException saturated) {
            throw new StoreException(what + ": " + MAX_THREADS + " store calls are still waiting for the store", saturated);
        }
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            future.cancel(true);
            throw timedOut(what, slow);
        } catch (ExecutionException failed) {
            throw failure(what, failed.getCause());
        } catch (InterruptedException interrupted) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException(what + ": interrupted", interrupted);
        }
    }

    /**
     * Waits for an asynchronous operation at most the bound.
     *
     * @param what the operation and cache, for the message
     * @param stage the operation's stage
     * @param <T> its result type
     * @return its result
     * @throws StoreException when it fails or times out
     */
    public <T> T await(String what, CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            throw timedOut(what, slow);
        } catch (ExecutionException failed) {
            throw failure(what, failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + ": interrupted", interrupted);
        }
    }

    /** Stops the pool; calls still in the backend are interrupted. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private StoreException timedOut(String what, Throwable cause) {
        return new StoreException(what + ": no answer within " + timeout(), cause);
    }

    private static RuntimeException failure(String what, Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof StoreException || cause instanceof IllegalArgumentException) {
            return (RuntimeException) cause;
        }
        return new StoreException(what + ": " + cause, cause);
    }
}
