package org.dogpile.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A fixed number of concurrent callers, calling in waves. Wave 0 starts every caller at once on an
 * empty cache and waits for all answers. After that, a wave starts every {@code period}: each caller
 * whose previous call has answered calls again, all at once; a caller still waiting sits the wave
 * out, so no more than {@code callers} calls are ever in flight (a closed loop: a slow server gets
 * fewer calls, not a growing queue). Waves start until {@code duration} has passed; then every
 * answer is awaited until a deadline.
 *
 * @param callers the number of concurrent callers
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
        List<CompletableFuture<Observation>> inFlight = new ArrayList<>(callers);
        for (int caller = 0; caller < callers; caller++) {
            inFlight.add(start(0, call));
        }
        calls.addAll(inFlight);
        awaitAll(calls);

        int waves = (int) (duration.toNanos() / period.toNanos());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wave-ticker");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<Void> allStarted = new CompletableFuture<>();
        int[] wave = {1};
        ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(() -> {
            try {
                if (wave[0] > waves) {
                    allStarted.complete(null);
                    return;
                }
                for (int caller = 0; caller < callers; caller++) {
                    if (inFlight.get(caller).isDone()) {
                        CompletableFuture<Observation> next = start(wave[0], call);
                        inFlight.set(caller, next);
                        synchronized (calls) {
                            calls.add(next);
                        }
                    }
                }
                wave[0]++;
            } catch (RuntimeException | Error failed) {
                allStarted.completeExceptionally(failed);
            }
        }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
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
        synchronized (calls) {
            awaitAll(calls);
            return calls.stream().map(CompletableFuture::join).toList();
        }
    }

    private static CompletableFuture<Observation> start(int wave, Call call) {
        long sentAt = System.currentTimeMillis();
        CompletableFuture<String> answer;
        try {
            answer = call.start();
        } catch (RuntimeException failed) {
            answer = CompletableFuture.failedFuture(failed);
        }
        return answer.handle((id, failure) -> {
            long receivedAt = System.currentTimeMillis();
            return failure == null ? new Observation(wave, sentAt, receivedAt, id, null)
                : new Observation(wave, sentAt, receivedAt, null, describe(failure));
        });
    }

    private static void awaitAll(List<CompletableFuture<Observation>> calls) {
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for answers", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new AssertionError("calls did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s", failed);
        }
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
    public static Call onExecutor(Executor executor, Supplier<String> body) {
        return () -> CompletableFuture.supplyAsync(body, executor);
    }
}
