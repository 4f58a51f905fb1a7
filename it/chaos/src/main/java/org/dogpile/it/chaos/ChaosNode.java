package org.dogpile.it.chaos;

import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dogpile.cdi.DogpileCaches;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One node of the chaos cluster: a Weld SE application (bean discovery as a user gets it, with the
 * dogpile extension from the library jar) whose {@link ClusterMember} joins the test's Hazelcast
 * cluster. It reads commands on standard input and answers on standard output, as
 * {@link NodeProtocol} describes.
 */
public final class ChaosNode {
    private static final Object OUT = new Object();
    /** Pause between two calls of one load thread, so that the load leaves CPU to the other nodes. */
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int MAX_ERRORS_REPORTED = 10;

    private final ChaosValues values;
    private final DogpileCaches caches;
    private final RegenerationProbe probe;
    private final HazelcastInstance hazelcast;
    private final ScenarioCommands scenarios;
    private Load load;

    private ChaosNode(WeldContainer container) {
        this.values = container.select(ChaosValues.class).get();
        this.caches = container.select(DogpileCaches.class).get();
        this.probe = container.select(RegenerationProbe.class).get();
        this.hazelcast = container.select(HazelcastInstance.class).get();
        this.scenarios = new ScenarioCommands(container);
    }

    /**
     * Starts the node and serves commands until standard input closes.
     *
     * @param args none
     * @throws IOException when standard input fails
     */
    public static void main(String[] args) throws IOException {
        Logger.getLogger("").setLevel(Level.WARNING);
        try (WeldContainer container = new Weld().initialize()) {
            ChaosNode node = new ChaosNode(container);
            node.caches.engine(); // starts the member now, not on the first call
            print(NodeProtocol.PREFIX + "STARTED\t" + ProcessHandle.current().pid());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                node.handle(line.trim().split("\\s+"));
            }
        }
    }

    /**
     * Prints one line of the protocol (or an event) and flushes it.
     *
     * @param line the line
     */
    static void print(String line) {
        synchronized (OUT) {
            System.out.println(line);
            System.out.flush();
        }
    }

    private void handle(String[] command) {
        switch (command[0]) {
            case "STATUS" -> print(NodeProtocol.PREFIX + "STATUS\t" + hazelcast.getCluster().getMembers().size() + "\t"
                + hazelcast.getPartitionService().isClusterSafe() + "\t" + ProcessHandle.current().pid());
            case "CALL" -> {
                long start = System.nanoTime();
                try {
                    String value = values.round(command[1]);
                    print(NodeProtocol.PREFIX + "CALLED\t" + command[1] + "\t" + value + "\t" + micros(start));
                } catch (RuntimeException e) {
                    print(NodeProtocol.PREFIX + "FAILED\t" + command[1] + "\t" + describe(e));
                }
            }
            case "ARM" -> {
                probe.arm(ChaosValues.ROUND, command[1]);
                print(NodeProtocol.PREFIX + "ARMED\t" + command[1]);
            }
            case "LOAD" -> {
                load = new Load(command[1], Integer.parseInt(command[2]));
                print(NodeProtocol.PREFIX + "LOADING\t" + command[1]);
            }
            case "STOP" -> {
                Load stopped = load;
                load = null;
                stopped.stop();
                stopped.errors.forEach(error -> print(NodeProtocol.PREFIX + "ERROR\t" + error));
                stopped.values.forEach((value, count) -> print(NodeProtocol.PREFIX + "VALUE\t" + value + "\t" + count));
                print(NodeProtocol.PREFIX + "RESULT\t" + stopped.key + "\t" + stopped.calls.sum() + "\t"
                    + stopped.errorCount.sum() + "\t" + stopped.maxMicros.get());
            }
            case "SOAK" -> soak(Duration.ofSeconds(Long.parseLong(command[1])), Integer.parseInt(command[2]),
                Integer.parseInt(command[3]));
            default -> {
                if (!scenarios.handle(command)) {
                    print(NodeProtocol.PREFIX + "UNKNOWN\t" + String.join(" ", command));
                }
            }
        }
    }

    /** Callers looping on one key of {@link ChaosValues#round} until stopped. */
    private final class Load {
        final String key;
        final List<Thread> threads = new ArrayList<>();
        final LongAdder calls = new LongAdder();
        final LongAdder errorCount = new LongAdder();
        final AtomicLong maxMicros = new AtomicLong();
        final Map<String, LongAdder> values = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        volatile boolean stopping;

        Load(String key, int threadCount) {
            this.key = key;
            for (int i = 0; i < threadCount; i++) {
                Thread thread = new Thread(this::run, "load-" + key + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        private void run() {
            while (!stopping) {
                long start = System.nanoTime();
                try {
                    String value = ChaosNode.this.values.round(key);
                    values.computeIfAbsent(value, v -> new LongAdder()).increment();
                } catch (RuntimeException e) {
                    errorCount.increment();
                    if (errors.size() < MAX_ERRORS_REPORTED) {
                        errors.add(describe(e));
                    }
                }
                maxMicros.accumulateAndGet(micros(start), Math::max);
                calls.increment();
                LockSupport.parkNanos(PACE_NANOS);
            }
        }

        void stop() {
            stopping = true;
            for (Thread thread : threads) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Mixed load over many keys: hot and cold keys, foreground and background regeneration, soft and
     * hard invalidation.
     */
    private void soak(Duration duration, int threadCount, int keys) {
        long deadline = System.nanoTime() + duration.toNanos();
        LongAdder calls = new LongAdder();
        LongAdder errorCount = new LongAdder();
        LongAdder invalidations = new LongAdder();
        AtomicLong maxMicros = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger names = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long violationsBefore = probe.violations();
        for (int t = 0; t < threadCount; t++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int hot = Math.max(1, keys / 10);
                while (System.nanoTime() - deadline < 0) {
                    int key = random.nextInt(10) < 8 ? random.nextInt(hot) : random.nextInt(keys);
                    int op = random.nextInt(100);
                    long start = System.nanoTime();
                    try {
                        if (op < 80) {
                            values.fast(key);
                        } else if (op < 95) {
                            values.background(key);
                        } else if (op < 98) {
                            caches.invalidateSoftly(ChaosValues.FAST, key);
                        } else {
                            caches.invalidate(ChaosValues.FAST, key);
                        }
                    } catch (RuntimeException e) {
                        errorCount.increment();
                        if (errors.size() < MAX_ERRORS_REPORTED) {
                            errors.add(describe(e));
                        }
                    }
                    if (op < 95) {
                        calls.increment();
                        maxMicros.accumulateAndGet(micros(start), Math::max);
                    } else {
                        invalidations.increment();
                    }
                    LockSupport.parkNanos(PACE_NANOS);
                }
            }, "soak-" + names.incrementAndGet());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join(duration.toMillis() + TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        errors.forEach(error -> print(NodeProtocol.PREFIX + "ERROR\t" + error));
        print(NodeProtocol.PREFIX + "SOAKED\t" + calls.sum() + "\t" + errorCount.sum() + "\t" + maxMicros.get() + "\t"
            + (probe.violations() - violationsBefore) + "\t" + invalidations.sum());
    }

    private static long micros(long startNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
    }

    private static String describe(Throwable e) {
        return (e.getClass().getName() + ": " + e.getMessage()).replace('\t', ' ').replace('\n', ' ');
    }
}
