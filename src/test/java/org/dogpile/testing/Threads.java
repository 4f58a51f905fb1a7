package org.dogpile.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Thread helpers for concurrency tests: virtual threads when the JDK has them, and state waits. */
public final class Threads {
    /** Upper bound for any wait in a test; reaching it fails the test instead of hanging. */
    public static final long TEST_DEADLINE_SECONDS = 30;

    private static final MethodHandle NEW_VIRTUAL_EXECUTOR = findVirtualExecutorFactory();

    private Threads() {
    }

    /**
     * @return an executor with a virtual thread per task on JDK 21+, else a cached platform-thread pool
     */
    public static ExecutorService perTaskExecutor() {
        if (NEW_VIRTUAL_EXECUTOR != null) {
            try {
                return (ExecutorService) NEW_VIRTUAL_EXECUTOR.invoke();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
        if (Boolean.getBoolean("dogpile.test.requireVirtualThreads")) {
            fail("virtual threads required (dogpile.test.requireVirtualThreads) but this JDK has none: "
                + System.getProperty("java.version"));
        }
        return Executors.newCachedThreadPool();
    }

    /** @return whether {@link #perTaskExecutor()} gives virtual threads */
    public static boolean virtualThreadsAvailable() {
        return NEW_VIRTUAL_EXECUTOR != null;
    }

    /** Shuts the executor down and fails the test if its tasks do not finish in time. */
    public static void finish(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(TEST_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            executor.shutdownNow();
            fail("tasks did not finish within " + TEST_DEADLINE_SECONDS + " s");
        }
    }

    /** Starts a platform thread running the task. */
    public static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits until every thread is blocked, waiting or parked (so it is inside the call under test),
     * failing the test after {@link #TEST_DEADLINE_SECONDS}.
     */
    public static void awaitBlocked(Thread... threads) {
        awaitBlocked(Arrays.asList(threads));
    }

    /** See {@link #awaitBlocked(Thread...)}. */
    public static void awaitBlocked(List<Thread> threads) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TEST_DEADLINE_SECONDS);
        for (Thread thread : threads) {
            while (!isBlocked(thread.getState())) {
                if (System.nanoTime() > deadline) {
                    fail("thread " + thread.getName() + " did not block; state " + thread.getState());
                }
                Thread.onSpinWait();
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /** Joins the thread, failing the test if it does not end in time. */
    public static void join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(TEST_DEADLINE_SECONDS));
        if (thread.isAlive()) {
            fail("thread " + thread.getName() + " did not finish; state " + thread.getState());
        }
    }

    private static boolean isBlocked(Thread.State state) {
        return state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    private static MethodHandle findVirtualExecutorFactory() {
        try {
            return MethodHandles.publicLookup().findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                MethodType.methodType(ExecutorService.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
