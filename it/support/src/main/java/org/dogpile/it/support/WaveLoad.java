package org.dogpile.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Concurrent callers in waves: wave 0 sends all its calls at once to an empty cache and waits for
 * every answer; then, on a fixed period and whether earlier calls have answered or not, each wave
 * sends its calls at once, until the duration has passed. Bounded in count (waves times callers)
 * and in time (every answer is awaited until a deadline).
 *
 * @param callers calls sent at once in each wave
 * @param period time from the start of one wave to the start of the next
 * @param duration how long waves are started after wave 0 has answered
 */
public record WaveLoad(int callers, Duration period, Duration duration) {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One call: starts it and returns the id of the value it answers with.
     */
    @FunctionalInterface
    public interface Call {
        /** @return the {@link Invocation#id()} of the returned value, when it arrives */
        CompletableFuture<String> start();
    }

    /**
     * Runs the waves.
     *
     * @param call starts one call
     * @return every call's observation, in the order they were sent
     */
    public List<Observation> run(Call call) {
        List<CompletableFuture<Observation>> calls = new ArrayList<>();
        awaitAll(wave(0, call), calls);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "wave-ticker");
            thread.setDaemon(true);
            return thread;
        });
        int waves = (int) (duration.toNanos() / period.toNanos());
        List<List<CompletableFuture<Observation>>> started = new ArrayList<>();
        CompletableFuture<Void> allStarted = new CompletableFuture<>();
        int[] next = {1};
        ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(() -> {
            try {
                if (next[0] > waves) {
                    allStarted.complete(null);
                    return;
                }
                List<CompletableFuture<Observation>> wave = wave(next[0]++, call);
                synchronized (started) {
                    started.add(wave);
                }
            } catch (RuntimeException | Error failed) {
                allStarted.completeExceptionally(failed);
            }
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        try {
            allStarted.get(duration.plus(ANSWER_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending waves", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new AssertionError("could not send the waves", failed);
        } finally {
            ticks.cancel(false);
            ticker.shutdownNow();
        }
        synchronized (started) {
            started.forEach(wave -> awaitAll(wave, calls));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private List<CompletableFuture<Observation>> wave(int index, Call call) {
        List<CompletableFuture<Observation>> wave = new ArrayList<>(callers);
        for (int i = 0; i < callers; i++) {
            long sentAt = System.currentTimeMillis();
            CompletableFuture<String> answer;
            try {
                answer = call.start();
            } catch (RuntimeException failed) {
                answer = CompletableFuture.failedFuture(failed);
            }
            wave.add(answer.handle((id, failure) -> {
                long receivedAt = System.currentTimeMillis();
                return failure == null ? new Observation(index, sentAt, receivedAt, id, null)
                    : new Observation(index, sentAt, receivedAt, null, describe(failure));
            }));
        }
        return wave;
    }

    private static void awaitAll(List<CompletableFuture<Observation>> wave, List<CompletableFuture<Observation>> into) {
        try {
            CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new))
                .get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for answers", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new AssertionError("calls did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s", failed);
        }
        into.addAll(wave);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.toString();
    }

    /**
     * A call that runs on an executor, for callers inside the JVM.
     *
     * @param executor where calls run
     * @param body returns the id of the value
     * @return the call
     */
    public static Call onExecutor(java.util.concurrent.Executor executor, Supplier<String> body) {
        return () -> CompletableFuture.supplyAsync(body, executor);
    }
}
