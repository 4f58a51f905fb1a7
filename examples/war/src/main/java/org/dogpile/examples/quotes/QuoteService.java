package org.dogpile.examples.quotes;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.dogpile.Dogpile;

/**
 * Quotes from a slow backend. {@code @Dogpile} keeps each quote for two seconds; when it expires,
 * one caller in the whole cluster asks the backend again while everybody else keeps getting the
 * previous quote. Callers wait only for the very first quote of a symbol.
 */
@ApplicationScoped
public class QuoteService {

    /** How long the backend takes to answer. */
    static final Duration BACKEND_LATENCY = Duration.ofSeconds(1);
    private static final int RECENT_LIMIT = 100;

    private final Deque<Invocation> recent = new ArrayDeque<>();
    private long invocations;

    /**
     * A quote, at most two seconds old (a little older while the next one is being computed).
     *
     * @param symbol the instrument
     * @return its quote
     */
    @Dogpile(expireAfter = 2, cache = "quotes")
    public Quote quote(String symbol) {
        long generation;
        synchronized (recent) {
            generation = ++invocations;
        }
        long startedAt = System.currentTimeMillis();
        BigDecimal price = askBackend(symbol, generation);
        long finishedAt = System.currentTimeMillis();
        synchronized (recent) {
            recent.addLast(new Invocation(symbol, generation, startedAt, finishedAt));
            if (recent.size() > RECENT_LIMIT) {
                recent.removeFirst();
            }
        }
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

    /** The expensive part: a remote call that takes {@link #BACKEND_LATENCY}. */
    private static BigDecimal askBackend(String symbol, long generation) {
        try {
            Thread.sleep(BACKEND_LATENCY.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the backend for " + symbol, interrupted);
        }
        int base = Math.floorMod(symbol.hashCode(), 9_000) + 1_000;
        return BigDecimal.valueOf(base * 100L + generation, 2).setScale(2, RoundingMode.UNNECESSARY);
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
