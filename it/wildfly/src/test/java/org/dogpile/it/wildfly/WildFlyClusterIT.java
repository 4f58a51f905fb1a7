package org.dogpile.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
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
 * Two WildFly 39 servers on 127.0.0.1 (distinct port offsets), each with the example WAR as a user
 * would ship it to a cluster ({@code it/cluster-war}: a {@code hazelcast.yaml} in the WAR listing
 * the members for a TCP-IP join, filled in from system properties). The library in each starts an
 * embedded member; the two join one cluster. Both servers are loaded at once, then the server that
 * is regenerating is killed with SIGKILL, round after round (it is restarted between rounds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class WildFlyClusterIT {
    /** The library's default lock lease (renewed while a regeneration runs), which this suite keeps. */
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final String WAR_NAME = "dogpile-example.war";
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(120);

    private final Map<String, WildFlyServer> servers = new LinkedHashMap<>();
    private final Map<String, QuoteApp> apps = new LinkedHashMap<>();

    @BeforeAll
    void startCluster() {
        int[] hazelcastPorts = FreePorts.find(2);
        String members = "127.0.0.1:" + hazelcastPorts[0] + ",127.0.0.1:" + hazelcastPorts[1];
        String clusterName = "dogpile-it-wildfly-" + hazelcastPorts[0];
        Path war = Path.of(System.getProperty("dogpile.it.clusterWar"));
        Set<Integer> offsets = new HashSet<>();
        HttpClient http = QuoteApp.client();
        for (int i = 0; i < 2; i++) {
            int offset = WildFlyServer.freeOffset(offsets);
            offsets.add(offset);
            String name = "wildfly-node-" + (char) ('a' + i);
            WildFlyServer server = new WildFlyServer(name, offset, List.of(
                "quotes.cluster.name=" + clusterName,
                "quotes.cluster.port=" + hazelcastPorts[i],
                "quotes.cluster.members=" + members));
            servers.put(name, server);
            apps.put(name, new QuoteApp(http, URI.create("http://127.0.0.1:" + server.httpPort() + "/"
                + QuoteApp.CONTEXT_ROOT + "/")));
            server.prepare(war, Path.of(WAR_NAME));
        }
        // one boot at a time: two WildFly boots at once on two cores only slow each other down
        for (WildFlyServer server : servers.values()) {
            server.start();
            assertEquals("deployed", server.awaitDeployment(WAR_NAME), () -> server.process().logTail(80));
        }
        awaitCluster();
    }

    @AfterAll
    void stopCluster() {
        servers.values().forEach(WildFlyServer::close);
    }

    @Test
    @Order(1)
    void bothServersLoadedAtOnce_oneRegenerationPerExpiryAcrossTheCluster_staleServedOnBoth() {
        ClusterChecks.loadAllAtOnce(apps, "ACME", "wildfly-cluster");
    }

    @Test
    @Order(2)
    void killMinus9OfTheRegeneratingServer_theOtherTakesOverWithinTheLease_noCallerError() {
        int rounds = Integer.getInteger("dogpile.it.killRounds", 3);
        List<Long> takeovers = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            ClusterChecks.Takeover takeover = ClusterChecks.killTheRegeneratingServer(apps,
                name -> servers.get(name).kill(), "TAKEOVER-" + round, LEASE, "wildfly-cluster kill " + round);
            takeovers.add(takeover.takeoverMillis());
            if (round < rounds) {
                restart(servers.get(takeover.victim()));
            }
        }
        List<Long> sorted = takeovers.stream().sorted().toList();
        System.out.printf("[wildfly-cluster] takeover after kill -9, %d rounds (lease %d ms): min %d ms, median %d ms, "
            + "max %d ms; all %s%n", rounds, LEASE.toMillis(), sorted.get(0), sorted.get(sorted.size() / 2),
            sorted.get(sorted.size() - 1), takeovers);
    }

    /** Starts a killed server again; it redeploys the WAR and its member rejoins. */
    private void restart(WildFlyServer server) {
        try (Stream<Path> markers = Files.list(server.base().resolve("deployments"))) {
            for (Path marker : markers.filter(p -> !p.toString().endsWith(".war")).toList()) {
                Files.delete(marker);
            }
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
        server.start();
        assertEquals("deployed", server.awaitDeployment(WAR_NAME), () -> server.process().logTail(80));
        awaitCluster();
    }

    /**
     * Starts each server's embedded member (the library starts it on the first call) and waits
     * until both see a cluster of two whose backups are in sync (a member killed during a partition
     * migration may take entries with it).
     */
    private void awaitCluster() {
        long started = System.nanoTime();
        apps.values().forEach(app -> app.answer(QuoteApp.QUOTES, "WARM-UP").join());
        for (Map.Entry<String, QuoteApp> app : apps.entrySet()) {
            Poll.until(app.getKey() + " to see a cluster of two, its backups in sync", CLUSTER_TIMEOUT, () -> {
                JsonObject hazelcast = app.getValue().stats().getJsonObject("hazelcast");
                return hazelcast.getJsonArray("instances").getValuesAs(JsonObject.class).stream()
                    .anyMatch(instance -> instance.getInt("members") == 2
                        && instance.getBoolean("clusterSafe")) ? Optional.of(hazelcast) : Optional.empty();
            }, () -> app.getValue().stats().toString());
        }
        System.out.printf("[wildfly-cluster] both members in one cluster after %d ms%n",
            (System.nanoTime() - started) / 1_000_000);
    }
}
