package org.dogpile.it.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One node JVM ({@link ChaosNode}) started by the test: sends commands, collects replies, kills.
 * Event and {@code REGENERATING} lines go to the cluster's listener as they arrive; every other
 * protocol line is a reply.
 */
final class NodeProcess {
    private final Process process;
    private final int port;
    private final PrintWriter commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Thread reader;

    private NodeProcess(Process process, int port, Consumer<String> broadcasts) {
        this.process = process;
        this.port = port;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.reader = new Thread(() -> read(broadcasts), "node-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a node JVM with this JVM's class path.
     *
     * @param cluster the cluster name
     * @param port the member's port
     * @param members the ports of every member that may take part
     * @param stderr where the node's standard error goes
     * @param broadcasts receives event and {@code REGENERATING} lines
     * @return the node, not yet joined
     * @throws IOException when the JVM cannot be started
     */
    static NodeProcess start(String cluster, int port, List<Integer> members, Path stderr, Consumer<String> broadcasts)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Djava.net.preferIPv4Stack=true",
            "-Dhazelcast.logging.type=none",
            "-Dhazelcast.phone.home.enabled=false",
            "-Dchaos.traceLocks=" + Boolean.getBoolean("chaos.traceLocks"),
            "-D" + NodeProtocol.CLUSTER_PROPERTY + "=" + cluster,
            "-D" + NodeProtocol.PORT_PROPERTY + "=" + port,
            "-D" + NodeProtocol.MEMBERS_PROPERTY + "=" + String.join(",", members.stream().map(String::valueOf).toList()),
            "-cp", System.getProperty("java.class.path"),
            ChaosNode.class.getName()));
        Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
            .start();
        return new NodeProcess(process, port, broadcasts);
    }

    /** @return the node's process id */
    long pid() {
        return process.pid();
    }

    /** @return the member's port */
    int port() {
        return port;
    }

    /** @return whether the process is running */
    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends one command.
     *
     * @param command the command line
     */
    void send(String command) {
        commands.println(command);
    }

    /**
     * Waits for a reply of one type, keeping every reply that came before it.
     *
     * @param type the reply type, such as {@code RESULT}, or several separated by {@code |}
     * @param timeout how long to wait
     * @return the replies up to and including the awaited one, each without the protocol prefix
     * @throws AssertionError when the reply does not come in time, or the node dies
     */
    List<String[]> awaitReply(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> types = Set.of(type.split("\\|"));
        List<String[]> received = new ArrayList<>();
        while (true) {
            long remaining = deadline - System.nanoTime();
            String line;
            try {
                line = remaining <= 0 ? null : replies.poll(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(200)),
                    TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + type + " from node " + pid(), interrupted);
            }
            if (line == null) {
                if (remaining <= 0) {
                    throw new AssertionError("node " + pid() + " sent no " + type + " within " + timeout
                        + "; received " + received.stream().map(f -> String.join(" ", f)).toList());
                }
                if (!process.isAlive() && replies.isEmpty() && !reader.isAlive()) {
                    throw new AssertionError("node " + pid() + " exited with " + process.exitValue()
                        + " before sending " + type);
                }
                continue;
            }
            String[] fields = line.substring(NodeProtocol.PREFIX.length()).split("\t", -1);
            received.add(fields);
            if (types.contains(fields[0])) {
                return received;
            }
        }
    }

    /**
     * Sends a command and waits for its reply.
     *
     * @param command the command line
     * @param type the reply type
     * @param timeout how long to wait
     * @return the awaited reply's fields
     */
    String[] request(String command, String type, Duration timeout) {
        send(command);
        List<String[]> received = awaitReply(type, timeout);
        return received.get(received.size() - 1);
    }

    /**
     * Kills the process with SIGKILL.
     *
     * @return the wall-clock time of the kill, in microseconds, taken just before the signal
     */
    long kill() {
        long at = RegenerationEvent.wallMicrosNow();
        process.destroyForcibly();
        return at;
    }

    /**
     * Waits for the process to end.
     *
     * @param timeout how long to wait
     * @return whether it ended
     */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void read(Consumer<String> broadcasts) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith(NodeProtocol.PREFIX)) {
                    continue;
                }
                if (line.startsWith(RegenerationEvent.LINE_PREFIX)
                        || line.startsWith(NodeProtocol.PREFIX + "REGENERATING\t")
                        || line.startsWith(NodeProtocol.PREFIX + "LOCK\t")) {
                    broadcasts.accept(line);
                } else {
                    replies.add(line);
                }
            }
        } catch (IOException closed) {
            // the process is gone
        }
    }
}
