package org.dogpile.examples.quotes;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The slow backend every service of this example asks: a remote call that takes about a second.
 * It numbers its calls and remembers the most recent ones and those running, so that you can see
 * how rarely the dogpile lets it run.
 */
@ApplicationScoped
public class QuoteBackend {

    /** How long the backend takes to answer. */
    static final Duration LATENCY = Duration.ofSeconds(1);
    private static final int RECENT_LIMIT = 200;

    private final Deque<Invocation> recent = new ArrayDeque<>();
    private final Set<Invocation> running = new LinkedHashSet<>();
    private long invocations;

    /**
     * Asks the backend: takes {@link #LATENCY}.
     *
     * @param symbol the instrument
     * @return a fresh quote, numbered with this call's generation
     */
    public Quote fetch(String symbol) {
        long generation;
        synchronized (recent) {
            generation = ++invocations;
        }
        long startedAt = System.currentTimeMillis();
        Invocation call = new Invocation(symbol, generation, startedAt, 0);
        synchronized (recent) {
            running.add(call);
        }
        try {
            Thread.sleep(LATENCY.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the backend", interrupted);
        } finally {
            synchronized (recent) {
                running.remove(call);
            }
        }
        long finishedAt = System.currentTimeMillis();
        synchronized (recent) {
            recent.addLast(new Invocation(symbol, generation, startedAt, finishedAt));
            if (recent.size() > RECENT_LIMIT) {
                recent.removeFirst();
            }
        }
        int base = Math.floorMod(symbol.hashCode(), 9_000) + 1_000;
        BigDecimal price = BigDecimal.valueOf(base * 100L + generation, 2).setScale(2, RoundingMode.UNNECESSARY);
        return new Quote(symbol, price, generation, startedAt, finishedAt);
    }

    /** @return how often the backend was asked, in this server */
    public long invocations() {
        synchronized (recent) {
            return invocations;
        }
    }

    /** @return the most recent backend calls of this server, oldest first */
    public List<Invocation> recentInvocations() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** @return the backend calls of this server that are running now ({@code finishedAt} is 0) */
    public List<Invocation> runningInvocations() {
        synchronized (recent) {
            return new ArrayList<>(running);
        }
    }

    /**
     * One call of the backend.
     *
     * @param symbol the instrument asked for
     * @param generation its number, counting from 1
     * @param startedAt when it began, epoch milliseconds
     * @param finishedAt when it ended, epoch milliseconds
     */
    public record Invocation(String symbol, long generation, long startedAt, long finishedAt) {
    }
}
