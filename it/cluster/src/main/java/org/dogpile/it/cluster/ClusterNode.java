package org.dogpile.it.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.it.support.Invocation;
import org.dogpile.it.support.Observation;
import org.dogpile.it.support.Poll;
import org.dogpile.it.support.WaveLoad;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One node of the test cluster: a Weld SE application (real bean discovery, the library's extension
 * from {@code META-INF/services}) whose Hazelcast instance the library starts: an embedded member
 * from the configuration named by {@code -Dhazelcast.config}, or a client of a dedicated cluster
 * from the one named by {@code -Ddogpile.hazelcast.client-config}.
 *
 * <p>Talks to the test through lines: prints {@code MEMBER-UP} (or {@code CLIENT-UP}) once its
 * instance runs and {@code READY} once the cluster has all its members; then, for each
 * {@code GO <epochMillis> <durationMillis>} it reads, runs its share of the load from that instant
 * on, writes what it saw to {@code <output>/observations-<node><suffix>.tsv} and the backend runs
 * of that round to {@code <output>/invocations-<node><suffix>.tsv} (no suffix in the first round,
 * {@code -round<n>} after), and prints {@code DONE round=<n> ...}; it stops on {@code EXIT}.
 *
 * <p>Arguments: node name, expected number of cluster members, output directory, callers per wave.
 */
public final class ClusterNode {
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration WAVE_PERIOD = Duration.ofMillis(100);

    private ClusterNode() {
    }

    /**
     * Runs the node.
     *
     * @param args node name, expected number of cluster members, output directory, callers per wave
     * @throws IOException when the test's instructions or the output files fail
     */
    public static void main(String[] args) throws IOException {
        String node = args[0];
        int clusterSize = Integer.parseInt(args[1]);
        Path output = Path.of(args[2]);
        int callers = Integer.parseInt(args[3]);
        BufferedReader instructions = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newFixedThreadPool(callers * 2);
        try (WeldContainer container = new Weld().initialize()) {
            NodeQuotes quotes = container.select(NodeQuotes.class).get();
            quotes.warmUp();
            Set<HazelcastInstance> members = Hazelcast.getAllHazelcastInstances();
            Collection<HazelcastInstance> clients = HazelcastClient.getAllHazelcastClients();
            if (members.size() + clients.size() != 1) {
                throw new IllegalStateException("expected the library's one Hazelcast instance, found members " + members
                    + " and clients " + clients);
            }
            HazelcastInstance instance = members.isEmpty() ? clients.iterator().next() : members.iterator().next();
            say(members.isEmpty() ? "CLIENT-UP " + instance.getName()
                : "MEMBER-UP " + instance.getCluster().getLocalMember().getAddress());
            Poll.until("a cluster of " + clusterSize, CLUSTER_TIMEOUT,
                () -> instance.getCluster().getMembers().size() == clusterSize,
                () -> "members: " + instance.getCluster().getMembers());
            say("READY " + instance.getCluster().getMembers().size() + " members");

            for (int round = 1; ; round++) {
                String instruction = expect(instructions, "GO", "EXIT");
                if (instruction.startsWith("EXIT")) {
                    break;
                }
                String[] go = instruction.split(" ");
                long startAt = Long.parseLong(go[1]);
                Duration duration = Duration.ofMillis(Long.parseLong(go[2]));
                int runsBefore = quotes.runs().size();
                while (System.currentTimeMillis() < startAt) {
                    LockSupport.parkUntil(startAt);
                }
                List<Observation> observations = new WaveLoad(callers, WAVE_PERIOD, duration)
                    .run(WaveLoad.onExecutor(pool, () -> quotes.quote("ACME").id()));
                List<Invocation> all = quotes.runs();
                List<Invocation> runs = all.subList(runsBefore, all.size());
                String suffix = round == 1 ? "" : "-round" + round;
                Files.write(output.resolve("observations-" + node + suffix + ".tsv"),
                    observations.stream().map(Observation::toLine).toList());
                Files.write(output.resolve("invocations-" + node + suffix + ".tsv"),
                    runs.stream().map(Invocation::toLine).toList());
                say("DONE round=" + round + " invocations=" + runs.size() + " calls=" + observations.size());
            }
        } finally {
            pool.shutdownNow();
        }
        say("STOPPED");
    }

    private static String expect(BufferedReader instructions, String... commands) throws IOException {
        String line = Optional.ofNullable(instructions.readLine())
            .orElseThrow(() -> new IllegalStateException("the test closed the instructions before " + String.join("/", commands)));
        for (String command : commands) {
            if (line.startsWith(command)) {
                return line;
            }
        }
        throw new IllegalStateException("expected " + String.join(" or ", commands) + ", got: " + line);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
