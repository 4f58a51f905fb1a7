package org.dogpile.it.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * from {@code META-INF/services}) whose Hazelcast member the library starts from the configuration
 * named by {@code -Dhazelcast.config}.
 *
 * <p>Talks to the test through lines: prints {@code MEMBER-UP} once its member runs and
 * {@code READY} once the cluster has all its members; then reads {@code GO <epochMillis>
 * <durationMillis>}, runs its share of the load from that instant on, writes what it saw to
 * {@code <output>/observations-<node>.tsv} and its backend runs to
 * {@code <output>/invocations-<node>.tsv}, prints {@code DONE ...}, and stops on {@code EXIT}.
 *
 * <p>Arguments: node name, expected cluster size, output directory, callers per wave.
 */
public final class ClusterNode {
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration WAVE_PERIOD = Duration.ofMillis(100);

    private ClusterNode() {
    }

    /**
     * Runs the node.
     *
     * @param args node name, expected cluster size, output directory, callers per wave
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
            if (members.size() != 1) {
                throw new IllegalStateException("expected the library's one embedded member, found " + members);
            }
            HazelcastInstance member = members.iterator().next();
            say("MEMBER-UP " + member.getCluster().getLocalMember().getAddress());
            Poll.until("a cluster of " + clusterSize, CLUSTER_TIMEOUT,
                () -> member.getCluster().getMembers().size() == clusterSize,
                () -> "members: " + member.getCluster().getMembers());
            say("READY " + member.getCluster().getMembers().size() + " members");

            String[] go = expect(instructions, "GO").split(" ");
            long startAt = Long.parseLong(go[1]);
            Duration duration = Duration.ofMillis(Long.parseLong(go[2]));
            while (System.currentTimeMillis() < startAt) {
                LockSupport.parkUntil(startAt);
            }
            List<Observation> observations = new WaveLoad(callers, WAVE_PERIOD, duration)
                .run(WaveLoad.onExecutor(pool, () -> quotes.quote("ACME").id()));
            List<Invocation> runs = quotes.runs();
            Files.write(output.resolve("observations-" + node + ".tsv"),
                observations.stream().map(Observation::toLine).toList());
            Files.write(output.resolve("invocations-" + node + ".tsv"), runs.stream().map(Invocation::toLine).toList());
            say("DONE invocations=" + runs.size() + " calls=" + observations.size());
            expect(instructions, "EXIT");
        } finally {
            pool.shutdownNow();
        }
        say("STOPPED");
    }

    private static String expect(BufferedReader instructions, String command) throws IOException {
        String line = Optional.ofNullable(instructions.readLine())
            .orElseThrow(() -> new IllegalStateException("the test closed the instructions before " + command));
        if (!line.startsWith(command)) {
            throw new IllegalStateException("expected " + command + ", got: " + line);
        }
        return line;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
