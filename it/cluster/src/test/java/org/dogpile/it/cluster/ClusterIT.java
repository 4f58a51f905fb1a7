package org.dogpile.it.cluster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dogpile.it.support.FreePorts;
import org.dogpile.it.support.Invocation;
import org.dogpile.it.support.ManagedProcess;
import org.dogpile.it.support.Observation;
import org.dogpile.it.support.Poll;
import org.dogpile.it.support.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three JVMs ({@link ClusterNode}), each a Weld SE application whose Hazelcast member the library
 * starts from the configuration named by {@code -Dhazelcast.config}: one cluster joined by TCP-IP on
 * 127.0.0.1, a cluster name of its own, no multicast. All three call the same {@code @Dogpile}
 * method at once, in waves, across several expiries; the backend must run once per expiry in the
 * whole cluster, and every node must serve values that other nodes computed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterIT {
    private static final int NODES = 3;
    private static final int CALLERS_PER_NODE = 16;
    private static final Duration LOAD = Duration.ofSeconds(7);

    @Test
    void threeJvmCluster_concurrentCallersOnEveryNodeAcrossSeveralExpiries_backendRunsOncePerExpiryClusterWide()
            throws IOException {
        Path run = Jvms.freshDirectory(Path.of("target", "cluster-run"));
        String classpath = System.getProperty("dogpile.it.nodeClasses") + File.pathSeparator
            + Files.readString(Path.of(System.getProperty("dogpile.it.nodeClasspathFile"))).trim();
        String clusterName = "dogpile-it-cluster-" + UUID.randomUUID();
        int[] ports = FreePorts.find(NODES);

        List<ManagedProcess> nodes = new ArrayList<>();
        try {
            long started = System.nanoTime();
            // the first member alone, then the others join it: no two members racing to be master
            nodes.add(startNode(run, classpath, clusterName, ports, 0));
            Jvms.awaitLine(nodes.get(0), "MEMBER-UP");
            for (int i = 1; i < NODES; i++) {
                nodes.add(startNode(run, classpath, clusterName, ports, i));
            }
            nodes.forEach(node -> Jvms.awaitLine(node, "READY"));
            System.out.printf("[cluster] %d members formed in %d ms%n", NODES, Jvms.millisSince(started));

            long startAt = System.currentTimeMillis() + 500;
            nodes.forEach(node -> node.send("GO " + startAt + " " + LOAD.toMillis()));
            nodes.forEach(node -> Poll.until("DONE from " + node.log().getFileName(), LOAD.plus(Jvms.START_TIMEOUT),
                () -> node.logText().contains("DONE"), () -> node.logTail(60)));
            nodes.forEach(node -> node.send("EXIT"));
            nodes.forEach(node -> assertEquals(0, node.awaitExit(Duration.ofSeconds(60)), () -> node.logTail(60)));

            Map<String, List<Invocation>> runsByNode = new LinkedHashMap<>();
            Map<String, List<Observation>> seenByNode = new LinkedHashMap<>();
            for (int i = 0; i < NODES; i++) {
                String node = "node-" + i;
                runsByNode.put(node, Jvms.read(run.resolve("invocations-" + node + ".tsv"), Invocation::parse));
                seenByNode.put(node, Jvms.read(run.resolve("observations-" + node + ".tsv"), Observation::parse));
            }
            Verdict verdict = Verdict.of(NodeQuotes.EXPIRE_AFTER,
                runsByNode.values().stream().flatMap(List::stream).toList(),
                seenByNode.values().stream().flatMap(List::stream).toList());
            Map<String, Integer> invocationsPerNode = runsByNode.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, LinkedHashMap::new));
            Map<String, Long> foreignValuesPerNode = seenByNode.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().stream().filter(o -> o.id() != null && !o.id().startsWith(e.getKey() + "/")).count(),
                    (a, b) -> a, LinkedHashMap::new));
            System.out.printf("[cluster] took %d ms; invocations per node %s; answers computed by another node %s; %s%n",
                Jvms.millisSince(started), invocationsPerNode, foreignValuesPerNode, verdict.summary());

            verdict.writeTo(Path.of("target"), "cluster");
            verdict.assertOnePerExpiryAndStaleServed(2);
            assertAll("every node serves values other nodes computed: " + foreignValuesPerNode,
                foreignValuesPerNode.values().stream().map(count -> () -> assertTrue(count > 0)));
        } finally {
            nodes.forEach(ManagedProcess::close);
        }
    }

    private static ManagedProcess startNode(Path run, String classpath, String clusterName, int[] ports, int index)
            throws IOException {
        String node = "node-" + index;
        Path config = Files.writeString(run.resolve("hazelcast-" + node + ".yaml"), Jvms.memberYaml(clusterName, ports, index));
        // as on the servers: a store call stalled past the default 1 s by a busy machine would fail open, which
        // the verdict counts as a stampede; ClientServerIT keeps the default, as its outage is the point
        ProcessBuilder command = Jvms.java(classpath, List.of("hazelcast.config=" + config, "dogpile.it.node=" + node,
                "dogpile.store.operation-timeout-millis=30000"),
            ClusterNode.class.getName(), node, String.valueOf(NODES), run.toString(), String.valueOf(CALLERS_PER_NODE))
            .directory(run.toFile());
        return ManagedProcess.start(node, command, run.resolve(node + ".log"));
    }
}
