package org.dogpile.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
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
 * The same example WAR on a real Payara Micro 6, started once with both WARs: the example, and the
 * misannotated one whose deployment must fail. Payara loads its own Hazelcast 5.3 before the copy
 * the WAR bundles, and the library must keep its values in Payara's instance (JNDI
 * {@code payara/Hazelcast}). Everything listens on 127.0.0.1 only: the HTTP listener through a
 * pre-boot command, Payara's Hazelcast member through a configuration file of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class PayaraMicroIT {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);
    private static final String MISUSE = "@Dogpile on org.dogpile.it.misuse.BrokenRefresh#refresh(java.lang.String)";

    private final Path run = Path.of("target", "payara-run").toAbsolutePath();
    private ManagedProcess server;
    private HttpClient http;
    private int httpPort;

    @BeforeAll
    void startServer() throws IOException {
        Path jar = Path.of(System.getProperty("dogpile.it.payaraMicro"));
        assertTrue(Files.isRegularFile(jar), "no Payara Micro at " + jar);
        deleteRecursively(run);
        Path deploy = Files.createDirectories(run.resolve("deploy"));
        Path root = Files.createDirectories(run.resolve("root"));
        Path unpacked = Files.createDirectories(run.resolve("unpacked"));
        Path exampleWar = Files.copy(Path.of(System.getProperty("dogpile.it.exampleWar")),
            deploy.resolve(QuoteApp.CONTEXT_ROOT + ".war"));
        Path misuseWar = Files.copy(Path.of(System.getProperty("dogpile.it.misuseWar")),
            deploy.resolve("dogpile-misuse.war"));
        int[] ports = FreePorts.find(2);
        httpPort = ports[0];
        Path preBoot = Files.writeString(run.resolve("preboot.asadmin"),
            "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
        Path hazelcastXml = Files.writeString(run.resolve("payara-hazelcast.xml"), payaraHazelcastConfig(ports[1]));

        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-Djava.net.preferIPv4Stack=true",
            "-Dhazelcast.config=" + hazelcastXml,
            "-jar", jar.toString(),
            "--nocluster",
            "--disablephonehome",
            "--port", String.valueOf(httpPort),
            "--rootdir", root.toString(),
            "--unpackdir", unpacked.toString(),
            "--prebootcommandfile", preBoot.toString(),
            "--deploy", exampleWar.toString(),
            "--deploy", misuseWar.toString())
            .directory(run.toFile());
        long started = System.nanoTime();
        server = ManagedProcess.start("payara", command, Path.of("target", "payara-console.log").toAbsolutePath());
        Poll.until("Payara Micro to be ready", BOOT_TIMEOUT, () -> {
            assertTrue(server.isAlive(), () -> "Payara Micro exited\n" + server.logTail(80));
            return server.logText().contains("ready in");
        }, () -> server.logTail(80));
        System.out.printf("[payara] booted and deployed in %d ms (http port %d, Hazelcast port %d)%n",
            (System.nanoTime() - started) / 1_000_000, httpPort, ports[1]);
        http = QuoteApp.client();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void exampleWar_fiftyConcurrentCallersAcrossSeveralExpiries_backendRunsOncePerExpiryAndStaleIsServed() {
        QuoteApp app = app(QuoteApp.CONTEXT_ROOT);
        assertTrue(app.get("api/stats").isPresent(), () -> "the example does not answer\n" + server.logTail(80));

        ExampleChecks.loadAndJudge(app, "payara", QuoteApp.QUOTES, "ACME");
    }

    @Test
    void cdiBean_invalidate_nextCallerGetsAValueComputedAfterTheInvalidation() {
        ExampleChecks.cachesThenInvalidates(app(QuoteApp.CONTEXT_ROOT), "payara-cdi", QuoteApp.QUOTES, QuoteApp.QUOTES,
            "CDI-INV");
    }

    @Test
    void statelessEjb_fiftyConcurrentCallers_backendRunsOncePerExpiryAndStaleIsServed() {
        ExampleChecks.loadAndJudge(app(QuoteApp.CONTEXT_ROOT), "payara-stateless", QuoteApp.RATES, "EURUSD");
    }

    @Test
    void statelessEjb_invalidate_nextCallerGetsAValueComputedAfterTheInvalidation() {
        ExampleChecks.cachesThenInvalidates(app(QuoteApp.CONTEXT_ROOT), "payara-stateless", QuoteApp.RATES, QuoteApp.RATES,
            "GBPUSD");
    }

    @Test
    void singletonEjbWithReadLock_fiftyConcurrentCallers_backendRunsOncePerExpiryAndStaleIsServed() {
        ExampleChecks.loadAndJudge(app(QuoteApp.CONTEXT_ROOT), "payara-singleton", QuoteApp.REFERENCE, "BUND");
    }

    @Test
    void singletonEjbWithReadLock_invalidate_nextCallerGetsAValueComputedAfterTheInvalidation() {
        ExampleChecks.cachesThenInvalidates(app(QuoteApp.CONTEXT_ROOT), "payara-singleton", QuoteApp.REFERENCE,
            QuoteApp.REFERENCE, "GILT");
    }

    @Test
    void statelessEjbCallingCdiBean_fiftyConcurrentCallers_backendRunsOncePerExpiryAndStaleIsServed() {
        ExampleChecks.loadAndJudge(app(QuoteApp.CONTEXT_ROOT), "payara-desk", QuoteApp.DESK, "DESK");
    }

    @Test
    void statelessEjbCallingCdiBean_invalidateTheCdiCache_nextCallerGetsAValueComputedAfterIt() {
        ExampleChecks.cachesThenInvalidates(app(QuoteApp.CONTEXT_ROOT), "payara-desk", QuoteApp.DESK, QuoteApp.QUOTES,
            "DESK-INV");
    }

    @Test
    void exampleWar_onPayara_valuesLiveInPayarasOwnHazelcastInstance() {
        QuoteApp app = app(QuoteApp.CONTEXT_ROOT);
        assertTrue(app.quote("PAYARA").join().length() > 0);

        JsonObject hazelcast = app.stats().getJsonObject("hazelcast");
        System.out.println("[payara] hazelcast: " + hazelcast);
        assertFalse(hazelcast.getBoolean("bundled"), "Payara must load its own Hazelcast, not the WAR's: " + hazelcast);
        assertTrue(hazelcast.containsKey("payaraInstance") && !hazelcast.isNull("payaraInstance"),
            "payara/Hazelcast is not bound: " + hazelcast);
        String payaraInstance = hazelcast.getString("payaraInstance");
        List<String> holders = hazelcast.getJsonArray("instances").getValuesAs(JsonObject.class).stream()
            .filter(instance -> instance.getJsonArray("dogpileMaps").getValuesAs(JsonString.class).stream()
                .anyMatch(name -> name.getString().equals("dogpile.cache.quotes")))
            .map(instance -> instance.getString("name"))
            .toList();
        assertEquals(List.of(payaraInstance), holders, "only Payara's instance holds the quotes: " + hazelcast);
    }

    @Test
    void misannotatedWar_voidDogpileMethod_deploymentFailsNamingClassAndMethod() {
        String log = server.logText();
        assertTrue(log.contains("jakarta.enterprise.inject.spi.DefinitionException: " + MISUSE),
            () -> "no definition error naming the method\n" + server.logTail(80));
        assertTrue(server.isAlive(), "Payara Micro must survive a failed deployment");
        assertFalse(app("dogpile-misuse").get("").isPresent(), "the failed application must not answer");
    }

    private QuoteApp app(String contextRoot) {
        return new QuoteApp(http, URI.create("http://127.0.0.1:" + httpPort + "/" + contextRoot + "/"));
    }

    /** Payara's member alone on 127.0.0.1: a cluster name of its own, no discovery, no phone-home. */
    private static String payaraHazelcastConfig(int port) {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <hazelcast xmlns="http://www.hazelcast.com/schema/config">
              <cluster-name>dogpile-it-payara-%d</cluster-name>
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
                  <tcp-ip enabled="false"/>
                </join>
              </network>
            </hazelcast>
            """.formatted(port, port);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
