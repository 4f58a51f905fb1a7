package org.dogpile.it.payara;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dogpile.it.support.ClusterChecks;
import org.dogpile.it.support.FreePorts;
import org.dogpile.it.support.Poll;
import org.dogpile.it.support.QuoteApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two Payara Micro 6 instances clustered through Payara's own data grid: their Hazelcast members
 * join by TCP-IP on 127.0.0.1 (each pinned there by a {@code hazelcast.config} file), and the
 * example WAR, unchanged, keeps its values in that grid. Both instances are loaded at once, then
 * the instance that is regenerating is killed with SIGKILL, round after round (it is restarted
 * between rounds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class PayaraMicroClusterIT {
    /** The library's default lock lease (renewed while a regeneration runs), which this suite keeps. */
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(120);

    private final Map<String, PayaraMicroServer> servers = new LinkedHashMap<>();
    private final Map<String, QuoteApp> apps = new LinkedHashMap<>();

    @BeforeAll
    void startCluster() {
        int[] ports = FreePorts.find(4);
        List<String> members = List.of("127.0.0.1:" + ports[2], "127.0.0.1:" + ports[3]);
        HttpClient http = QuoteApp.client();
        for (int i = 0; i < 2; i++) {
            String name = "payara-node-" + (char) ('a' + i);
            PayaraMicroServer server = new PayaraMicroServer(name, ports[i],
                PayaraMicroServer.hazelcastConfig("dogpile-it-payara-cluster-" + ports[2], ports[2 + i], members),
                List.of(), List.of(),
                Path.of(System.getProperty("dogpile.it.exampleWar")), Path.of(QuoteApp.CONTEXT_ROOT + ".war"));
            servers.put(name, server);
            apps.put(name, new QuoteApp(http, URI.create("http://127.0.0.1:" + ports[i] + "/" + QuoteApp.CONTEXT_ROOT + "/")));
        }
        // one boot at a time: two boots at once on two cores only slow each other down
        servers.values().forEach(PayaraMicroServer::start);
        awaitCluster();
    }

    @AfterAll
    void stopCluster() {
        servers.values().forEach(PayaraMicroServer::close);
    }

    @Test
    @Order(1)
    void bothInstancesLoadedAtOnce_oneRegenerationPerExpiryAcrossTheCluster_staleServedOnBoth() {
        ClusterChecks.loadAllAtOnce(apps, "ACME", "payara-cluster");
    }

    @Test
    @Order(2)
    void killMinus9OfTheRegeneratingInstance_theOtherTakesOverWithinTheLease_noCallerError() {
        int rounds = Integer.getInteger("dogpile.it.killRounds", 3);
        List<Long> takeovers = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            ClusterChecks.Takeover takeover = ClusterChecks.killTheRegeneratingServer(apps,
                name -> servers.get(name).kill(), "TAKEOVER-" + round, LEASE, "payara-cluster kill " + round);
            takeovers.add(takeover.takeoverMillis());
            if (round < rounds) {
                servers.get(takeover.victim()).start();
                awaitCluster();
            }
        }
        List<Long> sorted = takeovers.stream().sorted().toList();
        System.out.printf("[payara-cluster] takeover after kill -9, %d rounds (lease %d ms): min %d ms, median %d ms, "
            + "max %d ms; all %s%n", rounds, LEASE.toMillis(), sorted.get(0), sorted.get(sorted.size() / 2),
            sorted.get(sorted.size() - 1), takeovers);
    }

    /**
     * Waits until both instances' applications see Payara's member in a cluster of two whose
     * backups are in sync: a member killed during a partition migration may take entries with it.
     */
    private void awaitCluster() {
        long started = System.nanoTime();
        apps.values().forEach(app -> app.answer(QuoteApp.QUOTES, "WARM-UP").join());
        for (Map.Entry<String, QuoteApp> app : apps.entrySet()) {
            Poll.until(app.getKey() + " to see a cluster of two, its backups in sync", CLUSTER_TIMEOUT, () -> {
                JsonObject hazelcast = app.getValue().stats().getJsonObject("hazelcast");
                return hazelcast.getJsonArray("instances").getValuesAs(JsonObject.class).stream()
                    .anyMatch(instance -> instance.getBoolean("payara") && instance.getInt("members") == 2
                        && instance.getBoolean("clusterSafe"))
                    ? Optional.of(hazelcast) : Optional.empty();
            }, () -> app.getValue().stats().toString());
        }
        System.out.printf("[payara-cluster] both members in one cluster after %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }
}
