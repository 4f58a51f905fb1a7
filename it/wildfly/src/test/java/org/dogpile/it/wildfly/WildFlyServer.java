package org.dogpile.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.dogpile.it.support.FreePorts;
import org.dogpile.it.support.ManagedProcess;
import org.dogpile.it.support.Poll;

/**
 * One WildFly 39 server: {@code standalone.sh} on 127.0.0.1 with a port offset of its own and a
 * server base directory of its own under {@code target/} (the distribution's configuration, a
 * deployment scanner at 250 ms instead of 5 s). Deploys by copying a WAR into {@code deployments/}.
 */
final class WildFlyServer implements AutoCloseable {
    /** WildFly's HTTP port without offset. */
    static final int HTTP_PORT = 8080;
    private static final int[] PORTS = {8080, 8443, 9990, 9993};
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(600);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(600);

    private final String name;
    private final Path home;
    private final Path base;
    private final int offset;
    private final List<String> systemProperties;
    private ManagedProcess process;

    /**
     * @param name names the server in output and its directory {@code target/<name>}
     * @param offset the port offset, see {@link #freeOffset(Set)}
     * @param systemProperties extra {@code -Dname=value} arguments
     */
    WildFlyServer(String name, int offset, List<String> systemProperties) {
        this.name = name;
        this.home = Path.of(System.getProperty("dogpile.it.wildfly.home"));
        this.base = Path.of("target", name).toAbsolutePath();
        this.offset = offset;
        this.systemProperties = List.copyOf(systemProperties);
    }

    /** @return the HTTP port */
    int httpPort() {
        return HTTP_PORT + offset;
    }

    /** @return the port offset */
    int offset() {
        return offset;
    }

    /** @return the server base directory */
    Path base() {
        return base;
    }

    /** @return the running process */
    ManagedProcess process() {
        return process;
    }

    /**
     * Prepares a fresh base directory, with these WARs already in {@code deployments/}.
     *
     * @param wars each WAR and the file name to deploy it under
     * @return this
     */
    WildFlyServer prepare(Path... wars) {
        try {
            assertTrue(Files.isRegularFile(home.resolve("bin/standalone.sh")), "WildFly is not unpacked at " + home);
            if (Files.exists(base)) {
                try (Stream<Path> old = Files.walk(base)) {
                    old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Path configuration = base.resolve("configuration");
            Files.createDirectories(configuration);
            Files.createDirectories(base.resolve("deployments"));
            try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, configuration.resolve(file.getFileName()));
                }
            }
            Path standaloneXml = configuration.resolve("standalone.xml");
            String xml = Files.readString(standaloneXml);
            String faster = xml.replace("scan-interval=\"5000\"", "scan-interval=\"250\"");
            assertFalse(faster.equals(xml), "no deployment scanner with scan-interval=\"5000\" in " + standaloneXml);
            Files.writeString(standaloneXml, faster);
            for (int i = 0; i + 1 < wars.length; i += 2) {
                Files.copy(wars[i], base.resolve("deployments").resolve(wars[i + 1].toString()));
            }
            return this;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * Starts the server (again, after a kill) and waits until it has booted.
     *
     * @return how long the boot took, in milliseconds
     */
    long start() {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/standalone.sh").toString(),
            "-Djboss.server.base.dir=" + base,
            "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
            "-Djboss.socket.binding.port-offset=" + offset,
            "-Djava.net.preferIPv4Stack=true",
            // as the library's own tests: a stalled machine must not make store calls fail open
            "-Ddogpile.store.operation-timeout-millis=30000"));
        systemProperties.forEach(property -> command.add("-D" + property));
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        builder.environment().remove("JAVA_OPTS");
        long started = System.nanoTime();
        Path console = base.resolveSibling(name + "-console.log");
        try {
            if (Files.exists(console)) {
                Files.move(console, base.resolveSibling(name + "-console-" + System.currentTimeMillis() + ".log"));
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        process = ManagedProcess.start(name, builder, console);
        Poll.until(name + " to boot", BOOT_TIMEOUT, () -> {
            assertTrue(process.isAlive(), () -> name + " exited\n" + process.logTail(60));
            String log = process.logText();
            return log.contains("WFLYSRV0025") || log.contains("WFLYSRV0026");
        }, () -> process.logTail(60));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[%s] booted in %d ms (port offset %d)%n", name, millis, offset);
        return millis;
    }

    /**
     * Waits for a deployment's marker.
     *
     * @param fileName the WAR's file name in {@code deployments/}
     * @return {@code deployed} or {@code failed}
     */
    String awaitDeployment(String fileName) {
        Path deployments = base.resolve("deployments");
        long started = System.nanoTime();
        String outcome = Poll.until("the deployment of " + fileName + " on " + name, DEPLOY_TIMEOUT, () -> {
            assertTrue(process.isAlive(), () -> name + " exited\n" + process.logTail(60));
            return Files.exists(deployments.resolve(fileName + ".deployed")) ? Optional.of("deployed")
                : Files.exists(deployments.resolve(fileName + ".failed")) ? Optional.of("failed") : Optional.empty();
        }, () -> process.logTail(60));
        System.out.printf("[%s] %s %s (waited %d ms)%n", name, fileName, outcome, (System.nanoTime() - started) / 1_000_000);
        return outcome;
    }

    /**
     * Copies a WAR into the scanner's directory (an atomic move) and waits for its marker.
     *
     * @param war the WAR
     * @param fileName the file name to deploy it under
     * @return {@code deployed} or {@code failed}
     */
    String deploy(Path war, String fileName) {
        assertTrue(Files.isRegularFile(war), "no WAR at " + war);
        try {
            Path staged = base.resolve("staging").resolve(fileName);
            Files.createDirectories(staged.getParent());
            Files.copy(war, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, base.resolve("deployments").resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return awaitDeployment(fileName);
    }

    /**
     * Kills the server with SIGKILL.
     *
     * @return when, epoch milliseconds
     */
    long kill() {
        long at = process.kill();
        process.close();
        return at;
    }

    /** Stops the server by PID (terminate, bounded wait, kill). */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    /**
     * A port offset under which WildFly's HTTP, HTTPS and management ports are all free, and which
     * overlaps none of the ports of the offsets already taken.
     *
     * @param taken offsets of other servers of this run
     * @return the offset
     */
    static int freeOffset(Set<Integer> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = FreePorts.find(1)[0] - HTTP_PORT;
            boolean clash = taken.stream().anyMatch(other -> Arrays.stream(PORTS)
                .anyMatch(port -> Arrays.stream(PORTS).anyMatch(mine -> mine + candidate == port + other)));
            if (!clash && candidate > 0 && candidate + 9993 < 65_536
                    && Arrays.stream(PORTS).allMatch(port -> FreePorts.isFree(port + candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("no free port offset for WildFly");
    }
}
