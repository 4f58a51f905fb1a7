package org.dogpile.it.cluster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.dogpile.it.support.FreePorts;
import org.dogpile.it.support.Invocation;
import org.dogpile.it.support.ManagedProcess;
import org.dogpile.it.support.Observation;
import org.dogpile.it.support.Poll;
import org.dogpile.it.support.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client/server topology: a dedicated cluster of two plain Hazelcast members (their JVMs have
 * the Hazelcast jar on the class path and nothing else: no library class), and three application
 * JVMs ({@link ClusterNode}, Weld SE) that reach it as clients through
 * {@code dogpile.hazelcast.client-config}. First a load on all three clients at once across
 * several expiries (one backend run per expiry, stale values served, every client serving values
 * other clients computed); then a second load during which the member that holds the
 * regeneration's lock entry is killed with SIGKILL while the lock is held: no caller fails, the
 * backend runs once per expiry plus once more around the kill (not once per caller of that moment:
 * callers whose read the kill holds up get their JVM's last copy), and regenerations go on.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ClientServerIT {
    private static final int MEMBERS = 2;
    private static final int CLIENTS = 3;
    private static final int CALLERS_PER_CLIENT = 16;
    private static final Duration LOAD = Duration.ofSeconds(7);
    private static final Duration KILL_LOAD = Duration.ofSeconds(11);
    private static final String MEMBER_MAIN = "com.hazelcast.core.server.HazelcastMemberStarter";
    private static final String LOCK_MAP = "dogpile.locks";

    @Test
    void plainHazelcastCluster_threeClientJvms_oncePerExpiryClusterWide_andKillOfTheLockOwnerMidRegeneration()
            throws IOException {
        Path run = Jvms.freshDirectory(Path.of("target", "client-server-run"));
        String dependencies = Files.readString(Path.of(System.getProperty("dogpile.it.nodeClasspathFile"))).trim();
        String nodeClasspath = System.getProperty("dogpile.it.nodeClasses") + File.pathSeparator + dependencies;
        String hazelcastJar = Arrays.stream(dependencies.split(File.pathSeparator))
            .filter(entry -> Path.of(entry).getFileName().toString().matches("hazelcast-\\d[^/]*\\.jar"))
            .findFirst().orElseThrow(() -> new AssertionError("no Hazelcast jar in " + dependencies));
        String clusterName = "dogpile-it-client-server-" + UUID.randomUUID();
        int[] ports = FreePorts.find(MEMBERS);

        List<ManagedProcess> members = new ArrayList<>();
        List<ManagedProcess> clients = new ArrayList<>();
        HazelcastInstance observer = null;
        try {
            long started = System.nanoTime();
            for (int i = 0; i < MEMBERS; i++) {
                members.add(startMember(run, hazelcastJar, clusterName, ports, i));
            }
            observer = HazelcastClient.newHazelcastClient(observerConfig(clusterName, ports));
            HazelcastInstance cluster = observer;
            Poll.until("a cluster of " + MEMBERS + " plain members", Jvms.START_TIMEOUT,
                () -> cluster.getCluster().getMembers().size() == MEMBERS, () -> members.get(0).logTail(40));
            Path clientConfig = Files.writeString(run.resolve("hazelcast-client.yaml"), Jvms.clientYaml(clusterName, ports));
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(startClient(run, nodeClasspath, clientConfig, i));
            }
            clients.forEach(client -> Jvms.awaitLine(client, "READY"));
            System.out.printf("[client-server] %d members and %d clients up in %d ms%n", MEMBERS, CLIENTS,
                Jvms.millisSince(started));

            Round first = round(run, clients, 1, LOAD, () -> Optional.empty());
            Verdict verdict = first.verdict();
            System.out.printf("[client-server] round 1: invocations per client %s; answers computed by another client %s; %s%n",
                first.invocationsPerNode(), first.foreignAnswersPerNode(), verdict.summary());
            verdict.writeTo(Path.of("target"), "client-server");
            verdict.assertOnePerExpiryAndStaleServed(2);
            assertAll("every client serves values other clients computed: " + first.foreignAnswersPerNode(),
                first.foreignAnswersPerNode().values().stream().map(count -> () -> assertTrue(count > 0)));

            long[] kill = new long[1];
            Round second = round(run, clients, 2, KILL_LOAD, () -> {
                Optional<String> heldLock = cluster.<String, String>getMap(LOCK_MAP).keySet().stream().findFirst();
                if (heldLock.isEmpty()) {
                    return Optional.empty();
                }
                Member owner = cluster.getPartitionService().getPartition(heldLock.get()).getOwner();
                if (owner == null) {
                    return Optional.empty();
                }
                ManagedProcess victim = members.get(portIndex(ports, owner.getAddress().getPort()));
                kill[0] = victim.kill();
                return Optional.of(victim.log().getFileName() + " (owner of the lock entry " + heldLock.get() + ")");
            });
            long killedAt = kill[0];
            assertTrue(killedAt > 0, "no regeneration held its lock during the second load: nothing was killed");
            List<Invocation> afterKill = second.verdict().invocations().stream()
                .filter(invocation -> invocation.startedAt() > killedAt).toList();
            Map<String, Long> answersLate = new LinkedHashMap<>();
            second.observationsByNode().forEach((node, seen) -> answersLate.put(node,
                seen.stream().filter(o -> o.sentAt() > killedAt + NodeQuotes.EXPIRE_AFTER.toMillis()).count()));
            long backOnline = afterKill.isEmpty() ? -1 : afterKill.get(0).startedAt() - killedAt;
            System.out.printf("[client-server] round 2: killed %s; first regeneration starting after the kill began %d ms"
                + " later; regenerations after the kill %d; calls %d, errors %d; calls sent more than one expiry after the"
                + " kill, per client %s; %s%n", second.killed(), backOnline, afterKill.size(),
                second.verdict().observations().size(), second.verdict().errors().size(), answersLate,
                second.verdict().summary());
            second.verdict().writeTo(Path.of("target"), "client-server-kill");
            assertEquals(List.of(), second.verdict().errors(), "callers failed while a member was killed");
            // one run per expiry, plus one in the expiry of the kill: the regeneration whose write the kill
            // broke, and the one after it
            assertTrue(second.verdict().invocationCount() <= second.verdict().expiries() + 2,
                second.verdict().invocationCount() + " backend runs over " + second.verdict().expiries()
                    + " expiries: a stampede around the kill");
            assertFalse(afterKill.isEmpty(), "the key was never regenerated after the kill");
            assertAll("every client is served after the kill: " + answersLate,
                answersLate.values().stream().map(count -> () -> assertTrue(count > 0)));
            long lastInvocationStart = second.verdict().invocations().stream().mapToLong(Invocation::startedAt).max()
                .orElse(0);
            assertTrue(lastInvocationStart > killedAt + NodeQuotes.EXPIRE_AFTER.toMillis(),
                "regenerations did not go on once per expiry after the kill: last one started at " + lastInvocationStart
                    + ", kill at " + killedAt);
        } finally {
            clients.forEach(ManagedProcess::close);
            if (observer != null) {
                observer.getLifecycleService().terminate();
            }
            members.forEach(ManagedProcess::close);
        }
    }

    /** What one load round gave. */
    private record Round(Verdict verdict, Map<String, List<Observation>> observationsByNode,
            Map<String, Integer> invocationsPerNode, Map<String, Long> foreignAnswersPerNode, String killed) { }

    /**
     * Runs one load on every client at once; while it runs, {@code fault} is tried every few
     * milliseconds until it reports what it did.
     */
    private static Round round(Path run, List<ManagedProcess> clients, int number, Duration load,
            Supplier<Optional<String>> fault) throws IOException {
        long startAt = System.currentTimeMillis() + 500;
        clients.forEach(client -> client.send("GO " + startAt + " " + load.toMillis()));
        String killed = null;
        long faultFrom = startAt + NodeQuotes.EXPIRE_AFTER.toMillis(); // after the first expiry of the round
        long faultUntil = startAt + load.toMillis() - NodeQuotes.EXPIRE_AFTER.toMillis() * 2;
        while (killed == null && System.currentTimeMillis() < faultUntil) {
            if (System.currentTimeMillis() >= faultFrom) {
                killed = fault.get().orElse(null);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        String done = "DONE round=" + number;
        clients.forEach(client -> Poll.until(done + " from " + client.log().getFileName(), load.plus(Jvms.START_TIMEOUT),
            () -> client.logText().contains(done), () -> client.logTail(60)));

        String suffix = number == 1 ? "" : "-round" + number;
        List<Invocation> invocations = new ArrayList<>();
        Map<String, List<Observation>> seenByNode = new LinkedHashMap<>();
        Map<String, Integer> invocationsPerNode = new LinkedHashMap<>();
        Map<String, Long> foreign = new LinkedHashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            String node = "client-" + i;
            List<Invocation> runs = Jvms.read(run.resolve("invocations-" + node + suffix + ".tsv"), Invocation::parse);
            List<Observation> seen = Jvms.read(run.resolve("observations-" + node + suffix + ".tsv"), Observation::parse);
            invocations.addAll(runs);
            seenByNode.put(node, seen);
            invocationsPerNode.put(node, runs.size());
            foreign.put(node, seen.stream().filter(o -> o.id() != null && !o.id().startsWith(node + "/")).count());
        }
        Verdict verdict = Verdict.of(NodeQuotes.EXPIRE_AFTER, invocations,
            seenByNode.values().stream().flatMap(List::stream).toList());
        return new Round(verdict, seenByNode, invocationsPerNode, foreign, killed);
    }

    private static int portIndex(int[] ports, int port) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == port) {
                return i;
            }
        }
        throw new AssertionError("no member listens on port " + port + ": " + Arrays.toString(ports));
    }

    private static ManagedProcess startMember(Path run, String hazelcastJar, String clusterName, int[] ports, int index)
            throws IOException {
        String name = "member-" + index;
        Path config = Files.writeString(run.resolve("hazelcast-" + name + ".yaml"), Jvms.memberYaml(clusterName, ports, index));
        ProcessBuilder command = Jvms.java(hazelcastJar, List.of("hazelcast.config=" + config), MEMBER_MAIN)
            .directory(run.toFile());
        return ManagedProcess.start(name, command, run.resolve(name + ".log"));
    }

    private static ManagedProcess startClient(Path run, String classpath, Path clientConfig, int index) throws IOException {
        String node = "client-" + index;
        ProcessBuilder command = Jvms.java(classpath,
                List.of("dogpile.hazelcast.client-config=" + clientConfig, "dogpile.it.node=" + node),
                ClusterNode.class.getName(), node, String.valueOf(MEMBERS), run.toString(), String.valueOf(CALLERS_PER_CLIENT))
            .directory(run.toFile());
        return ManagedProcess.start(node, command, run.resolve(node + ".log"));
    }

    private static ClientConfig observerConfig(String clusterName, int[] ports) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        Arrays.stream(ports).forEach(port -> config.getNetworkConfig().addAddress("127.0.0.1:" + port));
        return config;
    }
}
