package org.dogpile.it.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dogpile.it.support.ManagedProcess;
import org.dogpile.it.support.Poll;

/** What the cluster tests share: the JVM command line, member configurations, waiting for a node's lines, result files. */
final class Jvms {
    /** How long a JVM may take to start and join. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private Jvms() {
    }

    /**
     * @param classpath the JVM's class path
     * @param properties system properties, {@code name=value}
     * @param mainAndArgs the main class and its arguments
     * @return a small JVM with the JDK access Hazelcast asks for on Java 9+
     */
    static ProcessBuilder java(String classpath, List<String> properties, String... mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "-Djava.net.preferIPv4Stack=true"));
        properties.forEach(property -> command.add("-D" + property));
        command.add("-cp");
        command.add(classpath);
        command.addAll(List.of(mainAndArgs));
        return new ProcessBuilder(command);
    }

    /** One member's configuration: its own port on 127.0.0.1, every member listed, no discovery. */
    static String memberYaml(String clusterName, int[] ports, int index) {
        return """
            hazelcast:
              cluster-name: %s
              properties:
                hazelcast.phone.home.enabled: false
                hazelcast.socket.bind.any: false
                hazelcast.logging.type: jdk
              network:
                port:
                  port: %d
                  auto-increment: false
                interfaces:
                  enabled: true
                  interfaces:
                    - 127.0.0.1
                join:
                  auto-detection:
                    enabled: false
                  multicast:
                    enabled: false
                  tcp-ip:
                    enabled: true
                    member-list:
            %s
            """.formatted(clusterName, ports[index], addresses(ports, "          - "));
    }

    /** A client's configuration: the cluster's members on 127.0.0.1. */
    static String clientYaml(String clusterName, int[] ports) {
        return """
            hazelcast-client:
              cluster-name: %s
              properties:
                hazelcast.phone.home.enabled: false
                hazelcast.logging.type: jdk
              network:
                cluster-members:
            %s
            """.formatted(clusterName, addresses(ports, "      - "));
    }

    private static String addresses(int[] ports, String indent) {
        return Arrays.stream(ports).mapToObj(port -> indent + "127.0.0.1:" + port).collect(Collectors.joining("\n"));
    }

    /** Waits for a line that starts with the marker, failing at once if the node exits. */
    static void awaitLine(ManagedProcess node, String marker) {
        Poll.until(marker + " from " + node.log().getFileName(), START_TIMEOUT, () -> {
            assertTrue(node.isAlive() || node.logText().contains(marker), () -> "node exited\n" + node.logTail(60));
            return node.logText().lines().anyMatch(line -> line.startsWith(marker));
        }, () -> node.logTail(60));
    }

    static <T> List<T> read(Path file, Function<String, T> parser) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).map(parser).toList();
        }
    }

    /** @return the directory, emptied and created */
    static Path freshDirectory(Path directory) throws IOException {
        Path root = directory.toAbsolutePath();
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(root);
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
