package org.dogpile.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dogpile.it.support.ExampleChecks;
import org.dogpile.it.support.FreePorts;
import org.dogpile.it.support.ManagedProcess;
import org.dogpile.it.support.Poll;
import org.dogpile.it.support.QuoteApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The example WAR on a real WildFly 39 (standalone.sh on 127.0.0.1 with a port offset, a server
 * base directory of its own under target/), deployed by copying it into the deployment scanner's
 * directory. The WAR bundles Hazelcast; the library starts an embedded member from the WAR's
 * {@code hazelcast.yaml}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class WildFlyIT {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(180);
    private static final int HTTP_PORT = 8080;
    private static final int[] PORTS = {8080, 8443, 9990, 9993};

    private final Path home = Path.of(System.getProperty("dogpile.it.wildfly.home"));
    private final Path base = Path.of("target", "wildfly-run").toAbsolutePath();
    private ManagedProcess server;
    private HttpClient http;
    private int offset;
    private QuoteApp example;

    @BeforeAll
    void startServer() throws IOException {
        assertTrue(Files.isRegularFile(home.resolve("bin/standalone.sh")), "WildFly is not unpacked at " + home);
        prepareBaseDirectory();
        offset = freeOffset();
        ProcessBuilder command = new ProcessBuilder("sh", home.resolve("bin/standalone.sh").toString(),
            "-Djboss.server.base.dir=" + base,
            "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
            "-Djboss.socket.binding.port-offset=" + offset,
            "-Djava.net.preferIPv4Stack=true")
            .directory(base.toFile());
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        command.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        command.environment().remove("JAVA_OPTS");
        long started = System.nanoTime();
        server = ManagedProcess.start("wildfly", command, Path.of("target", "wildfly-console.log").toAbsolutePath());
        Poll.until("WildFly to boot", BOOT_TIMEOUT, () -> {
            assertTrue(server.isAlive(), () -> "WildFly exited\n" + server.logTail(60));
            String log = server.logText();
            return log.contains("WFLYSRV0025") || log.contains("WFLYSRV0026");
        }, () -> server.logTail(60));
        System.out.printf("[wildfly] booted in %d ms (port offset %d)%n", millisSince(started), offset);
        http = QuoteApp.client();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** The example WAR, deployed by the first test that needs it. */
    private QuoteApp exampleApp() {
        if (example == null) {
            assertEquals("deployed", deploy(Path.of(System.getProperty("dogpile.it.exampleWar")), "dogpile-example.war"),
                () -> server.logTail(80));
            example = new QuoteApp(http, URI.create("http://127.0.0.1:" + (HTTP_PORT + offset) + "/"
                + QuoteApp.CONTEXT_ROOT + "/"));
        }
        return example;
    }

    @Test
    void exampleWar_fiftyConcurrentCallersAcrossSeveralExpiries_backendRunsOncePerExpiryAndStaleIsServed() {
        QuoteApp app = exampleApp();

        ExampleChecks.loadAndJudge(app, "wildfly", QuoteApp.QUOTES, "ACME");

        JsonObject hazelcast = app.stats().getJsonObject("hazelcast");
        System.out.println("[wildfly] hazelcast: " + hazelcast);
        assertTrue(hazelcast.getBoolean("bundled"), "Hazelcast should come from the WAR's own jar: " + hazelcast);
        assertFalse(hazelcast.containsKey("payaraInstance") && !hazelcast.isNull("payaraInstance"),
            "no payara/Hazelcast on WildFly: " + hazelcast);
        List<JsonObject> holders = hazelcast.getJsonArray("instances").getValuesAs(JsonObject.class).stream()
            .filter(instance -> instance.getJsonArray("dogpileMaps").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(name -> name.getString().equals("dogpile.cache.quotes")))
            .toList();
        assertEquals(1, holders.size(), "exactly one embedded member holds the quotes: " + hazelcast);
    }

    @Test
    void cdiBean_invalidate_nextCallerGetsAValueComputedAfterTheInvalidation() {
        ExampleChecks.cachesThenInvalidates(exampleApp(), "wildfly-cdi", QuoteApp.QUOTES, QuoteApp.QUOTES, "CDI-INV");
    }

    @Test
    void statelessEjb_fiftyConcurrentCallers_backendRunsOncePerExpiryAndStaleIsServed() {
        ExampleChecks.loadAndJudge(exampleApp(), "wildfly-stateless", QuoteApp.RATES, "EURUSD");
    }

    @Test
    void statelessEjb_invalidate_nextCallerGetsAValueComputedAfterTheInvalidation() {
        ExampleChecks.cachesThenInvalidates(exampleApp(), "wildfly-stateless", QuoteApp.RATES, QuoteApp.RATES, "GBPUSD");
    }

    @Test
    void singletonEjbWithReadLock_fiftyConcurrentCallers_backendRunsOncePerExpiryAndStaleIsServed() {
        ExampleChecks.loadAndJudge(exampleApp(), "wildfly-singleton", QuoteApp.REFERENCE, "BUND");
    }

    @Test
    void singletonEjbWithReadLock_invalidate_nextCallerGetsAValueComputedAfterTheInvalidation() {
        ExampleChecks.cachesThenInvalidates(exampleApp(), "wildfly-singleton", QuoteApp.REFERENCE, QuoteApp.REFERENCE,
            "GILT");
    }

    @Test
    void statelessEjbCallingCdiBean_fiftyConcurrentCallers_backendRunsOncePerExpiryAndStaleIsServed() {
        ExampleChecks.loadAndJudge(exampleApp(), "wildfly-desk", QuoteApp.DESK, "DESK");
    }

    @Test
    void statelessEjbCallingCdiBean_invalidateTheCdiCache_nextCallerGetsAValueComputedAfterIt() {
        ExampleChecks.cachesThenInvalidates(exampleApp(), "wildfly-desk", QuoteApp.DESK, QuoteApp.QUOTES, "DESK-INV");
    }

    @Test
    void misannotatedWar_voidDogpileMethod_deploymentFailsNamingClassAndMethod() throws IOException {
        assertEquals("failed", deploy(Path.of(System.getProperty("dogpile.it.misuseWar")), "dogpile-misuse.war"),
            () -> server.logTail(80));

        String failure = Files.readString(base.resolve("deployments/dogpile-misuse.war.failed"));
        System.out.println("[wildfly] dogpile-misuse.war.failed: " + failure);
        assertTrue(failure.contains("DefinitionException"), failure);
        assertTrue(failure.contains("org.dogpile.it.misuse.BrokenRefresh#refresh(java.lang.String)"), failure);
        String serverLog = Files.readString(base.resolve("log/server.log"));
        assertTrue(serverLog.contains("@Dogpile on org.dogpile.it.misuse.BrokenRefresh#refresh(java.lang.String)"),
            "server.log names the method");
        assertFalse(new QuoteApp(http, URI.create("http://127.0.0.1:" + (HTTP_PORT + offset) + "/dogpile-misuse/"))
            .get("").isPresent(), "the failed application must not answer");
    }

    /** Copies a WAR into the scanner's directory and waits for its marker: deployed or failed. */
    private String deploy(Path war, String name) {
        assertTrue(Files.isRegularFile(war), "no WAR at " + war);
        Path deployments = base.resolve("deployments");
        long started = System.nanoTime();
        try {
            Path staged = base.resolve("staging").resolve(name);
            Files.createDirectories(staged.getParent());
            Files.copy(war, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, deployments.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        String outcome = Poll.until("the deployment of " + name, DEPLOY_TIMEOUT, () -> {
            assertTrue(server.isAlive(), () -> "WildFly exited\n" + server.logTail(60));
            return Files.exists(deployments.resolve(name + ".deployed")) ? Optional.of("deployed")
                : Files.exists(deployments.resolve(name + ".failed")) ? Optional.of("failed") : Optional.empty();
        }, () -> server.logTail(60));
        System.out.printf("[wildfly] %s %s in %d ms%n", name, outcome, millisSince(started));
        return outcome;
    }

    /** A fresh server base directory: the distribution's configuration, empty deployments, a fast scanner. */
    private void prepareBaseDirectory() throws IOException {
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
    }

    /** A port offset under which WildFly's HTTP, HTTPS and management ports are all free. */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = FreePorts.find(1)[0] - HTTP_PORT;
            if (candidate > 0 && candidate + 9993 < 65_536
                    && java.util.Arrays.stream(PORTS).allMatch(port -> FreePorts.isFree(port + candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("no free port offset for WildFly");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
