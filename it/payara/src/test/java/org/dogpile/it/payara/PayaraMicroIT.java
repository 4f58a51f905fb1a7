package org.dogpile.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import org.dogpile.it.support.ExampleChecks;
import org.dogpile.it.support.FreePorts;
import org.dogpile.it.support.Invocation;
import org.dogpile.it.support.ManagedProcess;
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
@Timeout(value = 12, unit = java.util.concurrent.TimeUnit.MINUTES)
class PayaraMicroIT {
    private static final String MISUSE = "@Dogpile on org.dogpile.it.misuse.BrokenRefresh#refresh(java.lang.String)";

    /** The same WAR once more, under another name: identical classes, identical cache names. */
    private static final String TWIN = "dogpile-twin";

    private PayaraMicroServer payara;
    private ManagedProcess server;
    private HttpClient http;
    private int httpPort;

    @BeforeAll
    void startServer() {
        int[] ports = FreePorts.find(2);
        httpPort = ports[0];
        payara = new PayaraMicroServer("payara-run", httpPort,
            PayaraMicroServer.hazelcastConfig("dogpile-it-payara-" + ports[1], ports[1], List.of()),
            List.of("--nocluster"), List.of(),
            Path.of(System.getProperty("dogpile.it.exampleWar")), Path.of(QuoteApp.CONTEXT_ROOT + ".war"),
            Path.of(System.getProperty("dogpile.it.exampleWar")), Path.of(TWIN + ".war"),
            Path.of(System.getProperty("dogpile.it.misuseWar")), Path.of("dogpile-misuse.war"));
        payara.start();
        server = payara.process();
        http = QuoteApp.client();
    }

    @AfterAll
    void stopServer() {
        if (payara != null) {
            payara.close();
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
                .anyMatch(name -> name.getString().equals("dogpile.dogpile-example.cache.quotes")))
            .map(instance -> instance.getString("name"))
            .toList();
        assertEquals(List.of(payaraInstance), holders, "only Payara's instance holds the quotes: " + hazelcast);
    }

    @Test
    void transaction_dogpileInvalidateThenCommit_readersKeepTheOldValueUntilTheCommit() {
        ExampleChecks.invalidationInTransaction(app(QuoteApp.CONTEXT_ROOT), "payara-tx", "TX-COMMIT", false, false);
    }

    @Test
    void transaction_dogpileInvalidateThenRollback_theValueStays() {
        ExampleChecks.invalidationInTransaction(app(QuoteApp.CONTEXT_ROOT), "payara-tx", "TX-ROLLBACK", true, false);
    }

    @Test
    void transaction_dogpileCachesInvalidateThenCommit_readersKeepTheOldValueUntilTheCommit() {
        ExampleChecks.invalidationInTransaction(app(QuoteApp.CONTEXT_ROOT), "payara-tx", "TX-CACHES-COMMIT", false, true);
    }

    @Test
    void transaction_dogpileCachesInvalidateThenRollback_theValueStays() {
        ExampleChecks.invalidationInTransaction(app(QuoteApp.CONTEXT_ROOT), "payara-tx", "TX-CACHES-ROLLBACK", true, true);
    }

    @Test
    void twoWarsWithIdenticalClassesOnOnePayara_neitherSeesNorInvalidatesTheOthersEntries() {
        QuoteApp example = app(QuoteApp.CONTEXT_ROOT);
        QuoteApp twin = app(TWIN);
        String exampleValue = QuoteApp.id(example.answer("tx", "ISOLATED").join());
        String twinValue = QuoteApp.id(twin.answer("tx", "ISOLATED").join());

        List<String> twinRuns = QuoteApp.invocations(twin.stats(), "ISOLATED").stream().map(Invocation::id).toList();
        assertEquals(List.of(twinValue), twinRuns, "the twin must compute its own value, not read the example's");
        assertEquals(204, twin.post("api/tx/ISOLATED?hold=0").join(), "the twin's invalidation by key");
        String twinAfterKey = QuoteApp.id(twin.answer("tx", "ISOLATED").join());
        twin.invalidateAll("ledger");
        String twinAfterAll = QuoteApp.id(twin.answer("tx", "ISOLATED").join());
        String exampleAfter = QuoteApp.id(example.answer("tx", "ISOLATED").join());

        System.out.printf("[payara] isolation: example %s, twin %s -> after the twin's invalidation %s -> after its "
            + "invalidateAll %s; example afterwards %s%n", exampleValue, twinValue, twinAfterKey, twinAfterAll, exampleAfter);
        assertNotEquals(twinValue, twinAfterKey, "the twin's invalidation must work in the twin");
        assertNotEquals(twinAfterKey, twinAfterAll, "the twin's invalidateAll must work in the twin");
        assertEquals(exampleValue, exampleAfter, "the twin's invalidations must not reach the example's entry");
        JsonObject hazelcast = example.stats().getJsonObject("hazelcast");
        List<String> maps = hazelcast.getJsonArray("instances").getValuesAs(JsonObject.class).stream()
            .flatMap(instance -> instance.getJsonArray("dogpileMaps").getValuesAs(JsonString.class).stream())
            .map(JsonString::getString).toList();
        assertTrue(maps.containsAll(List.of("dogpile.dogpile-example.cache.ledger", "dogpile.dogpile-example.locks",
            "dogpile.dogpile-twin.cache.ledger", "dogpile.dogpile-twin.locks")), "one namespace per application: " + maps);
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
}
