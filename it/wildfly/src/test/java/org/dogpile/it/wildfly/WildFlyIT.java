package org.dogpile.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dogpile.it.support.ExampleChecks;
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
@Timeout(value = 12, unit = java.util.concurrent.TimeUnit.MINUTES)
class WildFlyIT {
    private WildFlyServer server;
    private HttpClient http;
    private QuoteApp example;

    @BeforeAll
    void startServer() {
        server = new WildFlyServer("wildfly-run", WildFlyServer.freeOffset(Set.of()), List.of()).prepare();
        server.start();
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
            assertEquals("deployed", server.deploy(Path.of(System.getProperty("dogpile.it.exampleWar")),
                "dogpile-example.war"), () -> server.process().logTail(80));
            example = new QuoteApp(http, URI.create("http://127.0.0.1:" + server.httpPort() + "/"
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
                .anyMatch(name -> name.getString().equals("dogpile.dogpile-example.cache.quotes")))
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
    void transaction_dogpileInvalidateThenCommit_readersKeepTheOldValueUntilTheCommit() {
        ExampleChecks.invalidationInTransaction(exampleApp(), "wildfly-tx", "TX-COMMIT", false, false);
    }

    @Test
    void transaction_dogpileInvalidateThenRollback_theValueStays() {
        ExampleChecks.invalidationInTransaction(exampleApp(), "wildfly-tx", "TX-ROLLBACK", true, false);
    }

    @Test
    void transaction_dogpileCachesInvalidateThenCommit_readersKeepTheOldValueUntilTheCommit() {
        ExampleChecks.invalidationInTransaction(exampleApp(), "wildfly-tx", "TX-CACHES-COMMIT", false, true);
    }

    @Test
    void transaction_dogpileCachesInvalidateThenRollback_theValueStays() {
        ExampleChecks.invalidationInTransaction(exampleApp(), "wildfly-tx", "TX-CACHES-ROLLBACK", true, true);
    }

    @Test
    void misannotatedWar_voidDogpileMethod_deploymentFailsNamingClassAndMethod() throws IOException {
        assertEquals("failed", server.deploy(Path.of(System.getProperty("dogpile.it.misuseWar")), "dogpile-misuse.war"),
            () -> server.process().logTail(80));

        String failure = Files.readString(server.base().resolve("deployments/dogpile-misuse.war.failed"));
        System.out.println("[wildfly] dogpile-misuse.war.failed: " + failure);
        assertTrue(failure.contains("DefinitionException"), failure);
        assertTrue(failure.contains("org.dogpile.it.misuse.BrokenRefresh#refresh(java.lang.String)"), failure);
        String serverLog = Files.readString(server.base().resolve("log/server.log"));
        assertTrue(serverLog.contains("@Dogpile on org.dogpile.it.misuse.BrokenRefresh#refresh(java.lang.String)"),
            "server.log names the method");
        assertFalse(new QuoteApp(http, URI.create("http://127.0.0.1:" + server.httpPort() + "/dogpile-misuse/"))
            .get("").isPresent(), "the failed application must not answer");
    }
}
