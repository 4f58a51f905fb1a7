package org.dogpile.it.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The node JVMs of one test cluster: a cluster name of its own and a fixed list of free loopback
 * ports, one per node that will ever be started (a replacement gets a new port, so that it never
 * meets the member it replaces in the member list). Collects the regeneration events of all nodes.
 */
final class ChaosCluster implements AutoCloseable {
    /** How long a node may take to start and join. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(90);
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 30_000;

    private final String name = "dogpile-chaos-" + UUID.randomUUID();
    private final Path workDir;
    private final List<Integer> ports;
    private final List<NodeProcess> started = new ArrayList<>();
    private final ConcurrentLinkedQueue<RegenerationEvent> events = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<String[]> regenerating = new LinkedBlockingQueue<>();
    private final Object arrivals = new Object();
    private final ConcurrentLinkedQueue<String> lockTrace = new ConcurrentLinkedQueue<>();

    /**
     * @param workDir where the nodes' standard error files go; those of an earlier run are deleted
     * @param maxNodes how many nodes this cluster will start at most, replacements included
     */
    ChaosCluster(Path workDir, int maxNodes) {
        this.workDir = workDir;
        this.ports = freePorts(maxNodes);
        try {
            Files.createDirectories(workDir);
            try (var old = Files.newDirectoryStream(workDir, "node-*.err")) {
                for (Path file : old) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts nodes at once and waits until the cluster has {@code size} members and is safe (every
     * backup in place).
     *
     * @param count how many nodes to start
     * @param size the cluster size to wait for
     * @return the new nodes
     */
    List<NodeProcess> startAndJoin(int count, int size) {
        List<NodeProcess> nodes = launch(count);
        awaitJoined(nodes, size);
        return nodes;
    }

    /**
     * Starts node JVMs without waiting for them.
     *
     * @param count how many nodes to start
     * @return the new nodes, starting
     */
    List<NodeProcess> launch(int count) {
        List<NodeProcess> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (started.size() == ports.size()) {
                throw new IllegalStateException("no port left: this cluster was made for " + ports.size() + " nodes");
            }
            int port = ports.get(started.size());
            try {
                NodeProcess node = NodeProcess.start(name, port, ports, workDir.resolve("node-" + port + ".err"),
                    this::broadcast);
                started.add(node);
                nodes.add(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return nodes;
    }

    /**
     * Waits until launched nodes have started, and see {@code size} members and a safe cluster.
     *
     * @param nodes nodes from {@link #launch}
     * @param size the cluster size to wait for
     */
    void awaitJoined(List<NodeProcess> nodes, int size) {
        for (NodeProcess node : nodes) {
            node.awaitReply("STARTED", JOIN_TIMEOUT);
        }
        awaitFormed(nodes, size);
    }

    /**
     * Waits until every given node sees {@code size} members and a safe cluster.
     *
     * @param nodes the nodes to ask
     * @param size the expected member count
     */
    void awaitFormed(List<NodeProcess> nodes, int size) {
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        for (NodeProcess node : nodes) {
            while (true) {
                String[] status = node.request("STATUS", "STATUS", JOIN_TIMEOUT);
                if (Integer.parseInt(status[1]) == size && Boolean.parseBoolean(status[2])) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("node " + node.pid() + " sees " + status[1] + " members (safe: " + status[2]
                        + "), not " + size + ", after " + JOIN_TIMEOUT);
                }
                awaitArrival(Duration.ofMillis(100)); // a bounded pause between two status requests
            }
        }
    }

    /** @return every regeneration event received so far, in arrival order */
    List<RegenerationEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Waits for an event.
     *
     * @param matching which event
     * @param timeout how long to wait
     * @return the first matching event received, or empty
     */
    Optional<RegenerationEvent> awaitEvent(Predicate<RegenerationEvent> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<RegenerationEvent> found = events.stream().filter(matching).findFirst();
            if (found.isPresent() || System.nanoTime() - deadline > 0) {
                return found;
            }
            awaitArrival(Duration.ofNanos(Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50))));
        }
    }

    /**
     * Waits until the events received so far satisfy a condition.
     *
     * @param condition tested on all events received so far
     * @param timeout how long to wait
     * @return whether the condition held in time
     */
    boolean awaitEvents(Predicate<List<RegenerationEvent>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.test(events())) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            awaitArrival(Duration.ofNanos(Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50))));
        }
    }

    /**
     * Waits for a node to report that it blocks in the regeneration of an armed key.
     *
     * @param timeout how long to wait
     * @return the report's fields: {@code REGENERATING}, argument, stored key, regeneration id, pid,
     *     wall-clock micros
     */
    String[] awaitRegenerating(Duration timeout) {
        try {
            String[] fields = regenerating.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (fields == null) {
                throw new AssertionError("no node began regenerating an armed key within " + timeout);
            }
            return fields;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    /** @return the lock map changes the nodes heard of, when run with {@code -Dchaos.traceLocks=true} */
    List<String> lockTrace() {
        return List.copyOf(lockTrace);
    }

    /** @return the ports of this cluster's nodes */
    List<Integer> ports() {
        return ports;
    }

    /** Kills every node still running and waits for them to end. */
    @Override
    public void close() {
        for (NodeProcess node : started) {
            if (node.isAlive()) {
                node.kill();
            }
        }
        for (NodeProcess node : started) {
            node.awaitExit(Duration.ofSeconds(30));
        }
    }

    private void broadcast(String line) {
        if (line.startsWith(RegenerationEvent.LINE_PREFIX)) {
            events.add(RegenerationEvent.parse(line));
        } else if (line.startsWith(NodeProtocol.PREFIX + "LOCK\t")) {
            lockTrace.add(line);
        } else {
            regenerating.add(line.substring(NodeProtocol.PREFIX.length()).split("\t", -1));
        }
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    private void awaitArrival(Duration atMost) {
        if (atMost.isNegative() || atMost.isZero()) {
            return;
        }
        synchronized (arrivals) {
            try {
                arrivals.wait(Math.max(1, atMost.toMillis()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    /**
     * Free ports below the ephemeral range, so that no outgoing connection of a node can take a port
     * that a later replacement node will listen on.
     */
    private static List<Integer> freePorts(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; ports.size() < count; attempt++) {
            if (attempt > 10 * count + 100) {
                throw new IllegalStateException("found only " + ports.size() + " free ports of " + count);
            }
            int port = random.nextInt(FIRST_PORT, LAST_PORT);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                ports.add(socket.getLocalPort());
            } catch (IOException taken) {
                // try another
            }
        }
        return List.copyOf(ports);
    }
}
