package org.dogpile.it.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dogpile.Dogpile;
import org.dogpile.it.support.Invocation;

/**
 * The bean every node runs: a slow backend behind {@code @Dogpile}, which records each of its runs
 * on this node.
 */
@ApplicationScoped
public class NodeQuotes {

    /** The quote method's freshness period. */
    public static final Duration EXPIRE_AFTER = Duration.ofSeconds(2);
    /** How long the backend takes. */
    public static final Duration BACKEND_LATENCY = Duration.ofMillis(300);

    private final String node = System.getProperty("dogpile.it.node", "node");
    private final AtomicLong counter = new AtomicLong();
    private final List<Invocation> runs = new ArrayList<>();

    /**
     * @param symbol the instrument
     * @return its quote, computed by one node of the cluster
     */
    @Dogpile(expireAfter = 2, cache = "cluster-quotes")
    public NodeQuote quote(String symbol) {
        long run = counter.incrementAndGet();
        long startedAt = System.currentTimeMillis();
        try {
            Thread.sleep(BACKEND_LATENCY.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing " + symbol, interrupted);
        }
        NodeQuote quote = new NodeQuote(node, run, startedAt, System.currentTimeMillis());
        synchronized (runs) {
            runs.add(new Invocation(quote.id(), quote.startedAt(), quote.finishedAt()));
        }
        return quote;
    }

    /**
     * A cheap cached method whose first call makes the library start this node's Hazelcast member.
     *
     * @return this node's name
     */
    @Dogpile(expireAfter = 1, unit = java.util.concurrent.TimeUnit.HOURS, cache = "cluster-warm-up")
    public String warmUp() {
        return node;
    }

    /** @return the backend runs of this node so far */
    public List<Invocation> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }
}
