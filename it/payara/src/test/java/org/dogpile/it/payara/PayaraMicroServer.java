package org.dogpile.it.payara;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dogpile.it.support.ManagedProcess;
import org.dogpile.it.support.Poll;

/**
 * One Payara Micro 6 instance on 127.0.0.1: the HTTP listener bound there by a pre-boot command,
 * Payara's own Hazelcast member configured by a file passed as {@code hazelcast.config}. Runs in a
 * directory of its own under {@code target/}.
 */
final class PayaraMicroServer implements AutoCloseable {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(600);

    private final String name;
    private final Path run;
    private final int httpPort;
    private final List<String> options;
    private final List<String> systemProperties;
    private final Path hazelcastXml;
    private final List<Path> wars = new ArrayList<>();
    private ManagedProcess process;

    /**
     * Prepares a fresh directory {@code target/<name>} with the WARs and the configuration files.
     *
     * @param name names the instance in output and its directory
     * @param httpPort the HTTP port
     * @param hazelcastXml the configuration of Payara's Hazelcast member
     * @param options Payara Micro options, such as {@code --nocluster}
     * @param systemProperties extra {@code -Dname=value} arguments
     * @param wars each WAR and the file name to deploy it under (which sets its context root)
     */
    PayaraMicroServer(String name, int httpPort, String hazelcastXml, List<String> options, List<String> systemProperties,
            Path... wars) {
        this.name = name;
        this.run = Path.of("target", name).toAbsolutePath();
        this.httpPort = httpPort;
        this.options = List.copyOf(options);
        this.systemProperties = List.copyOf(systemProperties);
        try {
            if (Files.exists(run)) {
                try (Stream<Path> paths = Files.walk(run)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Path deploy = Files.createDirectories(run.resolve("deploy"));
            for (int i = 0; i + 1 < wars.length; i += 2) {
                this.wars.add(Files.copy(wars[i], deploy.resolve(wars[i + 1].toString())));
            }
            Files.writeString(run.resolve("preboot.asadmin"),
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener"
                    + ".address=127.0.0.1\n");
            this.hazelcastXml = Files.writeString(run.resolve("payara-hazelcast.xml"), hazelcastXml);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** @return the HTTP port */
    int httpPort() {
        return httpPort;
    }

    /** @return the running process */
    ManagedProcess process() {
        return process;
    }

    /**
     * Starts the instance (again, after a kill) and waits until it is ready, deployments included.
     *
     * @return how long that took, in milliseconds
     */
    long start() {
        try {
            Path root = run.resolve("root");
            Path unpacked = run.resolve("unpacked");
            for (Path dir : List.of(root, unpacked)) {
                if (Files.exists(dir)) {
                    try (Stream<Path> paths = Files.walk(dir)) {
                        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                    }
                }
                Files.createDirectories(dir);
            }
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Djava.net.preferIPv4Stack=true",
                // as the library's own tests: a stalled machine must not make store calls fail open
                "-Ddogpile.store.operation-timeout-millis=30000",
                "-Dhazelcast.config=" + hazelcastXml));
            systemProperties.forEach(property -> command.add("-D" + property));
            command.addAll(List.of("-jar", Path.of(System.getProperty("dogpile.it.payaraMicro")).toString()));
            command.addAll(options);
            command.addAll(List.of("--disablephonehome",
                "--port", String.valueOf(httpPort),
                "--rootdir", root.toString(),
                "--unpackdir", unpacked.toString(),
                "--prebootcommandfile", run.resolve("preboot.asadmin").toString()));
            wars.forEach(war -> command.addAll(List.of("--deploy", war.toString())));
            Path console = run.resolveSibling(name + "-console.log");
            if (Files.exists(console)) {
                Files.move(console, run.resolveSibling(name + "-console-" + System.currentTimeMillis() + ".log"));
            }
            long started = System.nanoTime();
            process = ManagedProcess.start(name, new ProcessBuilder(command).directory(run.toFile()), console);
            Poll.until(name + " to be ready", BOOT_TIMEOUT, () -> {
                assertTrue(process.isAlive(), () -> name + " exited\n" + process.logTail(80));
                return process.logText().contains("ready in");
            }, () -> process.logTail(80));
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("[%s] booted and deployed in %d ms (http port %d)%n", name, millis, httpPort);
            return millis;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * Kills the instance with SIGKILL.
     *
     * @return when, epoch milliseconds
     */
    long kill() {
        long at = process.kill();
        process.close();
        return at;
    }

    /** Stops the instance by PID (terminate, bounded wait, kill). */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    /**
     * A configuration for Payara's Hazelcast member on 127.0.0.1 only, without phone-home.
     *
     * @param clusterName the cluster name
     * @param port the member's port
     * @param members the members to join by TCP-IP ({@code host:port}); none for a member alone
     * @return the XML
     */
    static String hazelcastConfig(String clusterName, int port, List<String> members) {
        String join = members.isEmpty() ? "<tcp-ip enabled=\"false\"/>"
            : "<tcp-ip enabled=\"true\"><members>" + String.join(",", members) + "</members></tcp-ip>";
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <hazelcast xmlns="http://www.hazelcast.com/schema/config">
              <cluster-name>%s</cluster-name>
              <properties>
                <property name="hazelcast.phone.home.enabled">false</property>
                <property name="hazelcast.socket.bind.any">false</property>
              </properties>
              <network>
                <port auto-increment="false">%d</port>
                <interfaces enabled="true"><interface>127.0.0.1</interface></interfaces>
                <join>
                  <auto-detection enabled="false"/>
                  <multicast enabled="false"/>
                  %s
                </join>
              </network>
            </hazelcast>
            """.formatted(clusterName, port, join);
    }
}
