package org.dogpile.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Freezes (SIGSTOP) the member that owns the partition of a key's entry for 30 s while the two other
 * members call {@link ScenarioValues#frozen} (default lease, store bound and fail-open; fresh for 2 s,
 * loader 50 ms) on 30 keys, about a third of them owned by the frozen member; then resumes it
 * (SIGCONT). Measures the callers' latency and errors while the member was frozen, split into keys
 * whose entry the frozen member owns and the others, and checks that afterwards a regeneration and a
 * fresh hit work on every member.
 */
class FreezeIT {
    private static final int NODES = 3;
    private static final int CALLERS_PER_NODE = 4;
    private static final int KEYS = 30;
    private static final Duration FREEZE = Duration.ofSeconds(Reports.intProperty("freeze.seconds", 30));
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    /** The store bound ({@code BoundedCalls.DEFAULT_TIMEOUT}) plus the loader: the goal for the slowest call. */
    private static final long GOAL_MICROS = (1_000 + ScenarioValues.FROZEN_WORK_MILLIS) * 1_000;
    /** What the test fails on: a call this slow would be a hang, not a bound. */
    private static final long HANG_MICROS = 3 * GOAL_MICROS;

    /** Latency of the calls of one kind: {@code calls,errors,p50,p99,max} as a node reports it. */
    private record Stats(long calls, long errors, long p50, long p99, long max) {
        static Stats parse(String field) {
            long[] f = java.util.Arrays.stream(field.split(",")).mapToLong(Long::parseLong).toArray();
            return new Stats(f[0], f[1], f[2], f[3], f[4]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "calls %d, errors %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms", calls,
                errors, p50 / 1000.0, p99 / 1000.0, max / 1000.0);
        }
    }

    @Test
    void partitionOwnerFrozen30s_callersOnOtherMembersFailOpenWithinTheBound_andTheCacheWorksAfter() throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> errorTexts = new ArrayList<>();
        List<Stats> owned = new ArrayList<>();
        List<Stats> others = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        long resumedAfterMillis;
        try (ChaosCluster cluster = new ChaosCluster(Reports.workDir().resolve("freeze"), NODES)) {
            List<NodeProcess> nodes = cluster.startAndJoin(NODES, NODES);
            List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> "f" + i).toList();
            String[] owners = nodes.get(0).request("OWNERS " + ScenarioValues.FROZEN + " " + String.join(" ", keys),
                "OWNERS", REPLY_TIMEOUT);
            int frozenPort = Integer.parseInt(owners[1].split(":")[1]);
            NodeProcess victim = nodes.stream().filter(node -> node.port() == frozenPort).findFirst()
                .orElseThrow(() -> new AssertionError("no node listens on " + frozenPort));
            List<NodeProcess> callers = nodes.stream().filter(node -> node != victim).toList();
            long ownedKeys = java.util.Arrays.stream(owners).skip(1)
                .filter(o -> Integer.parseInt(o.split(":")[1]) == frozenPort).count();
            long ownedLocks = java.util.Arrays.stream(owners).skip(1)
                .filter(o -> Integer.parseInt(o.split(":")[2]) == frozenPort).count();
            lines.add("== SIGSTOP of the member owning key f0's partition (pid " + victim.pid() + ", port " + frozenPort
                + ") for " + FREEZE.toSeconds() + " s; it owns the entry of " + ownedKeys + " and the lock of "
                + ownedLocks + " of " + KEYS + " keys; " + (NODES - 1) + " members x " + CALLERS_PER_NODE + " callers");
            for (NodeProcess node : callers) {
                node.request("FLOAD " + CALLERS_PER_NODE + " " + String.join(",", keys) + " " + frozenPort, "FLOADING",
                    REPLY_TIMEOUT);
            }
            // most keys cached, some regenerated, before the freeze; a key not cached yet takes the absent
            // path while the member is frozen, which is as bounded as the others
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
            long frozenAt;
            long resumedAt;
            try {
                frozenAt = RegenerationEvent.wallMicrosNow();
                signal("STOP", victim.pid());
                LockSupport.parkNanos(FREEZE.toNanos());
            } finally {
                resumedAt = RegenerationEvent.wallMicrosNow();
                signal("CONT", victim.pid());
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2)); // load goes on while the member catches up
            for (NodeProcess node : callers) {
                node.send("FSTOP " + frozenAt + " " + resumedAt);
                for (String[] reply : node.awaitReply("FRESULT", REPLY_TIMEOUT)) {
                    if (reply[0].equals("ERROR")) {
                        errorTexts.add(node.pid() + ": " + reply[1]);
                    } else if (reply[0].equals("FRESULT")) {
                        owned.add(Stats.parse(reply[1]));
                        others.add(Stats.parse(reply[2]));
                        lines.add("member " + node.pid() + " while frozen: keys owned by the frozen member: " + owned.get(
                            owned.size() - 1) + "; other keys: " + others.get(others.size() - 1) + "; whole run: calls "
                            + reply[3] + ", errors " + reply[4] + ", loader runs " + reply[5]);
                    }
                }
            }

            long resumeStart = System.nanoTime();
            cluster.awaitFormed(nodes, NODES);
            resumedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumeStart);
            for (NodeProcess node : nodes) {
                String key = "after-" + node.port();
                String[] first = node.request("AFTER " + key, "AFTERED|FAILED", REPLY_TIMEOUT);
                if (!first[0].equals("AFTERED") || !first[2].contains("#" + node.pid() + "-")) {
                    unhealthy.add("member " + node.pid() + " did not regenerate " + key + ": " + String.join(" ", first));
                    continue;
                }
                for (NodeProcess reader : nodes) {
                    String[] hit = reader.request("AFTER " + key, "AFTERED|FAILED", REPLY_TIMEOUT);
                    if (!hit[0].equals("AFTERED") || !hit[2].equals(first[2])) {
                        unhealthy.add("member " + reader.pid() + " did not get the cached " + first[2] + ": "
                            + String.join(" ", hit));
                    }
                }
            }
            lines.add("after SIGCONT: cluster safe with " + NODES + " members " + resumedAfterMillis
                + " ms after the load stopped; regeneration and fresh hit on every member: "
                + (unhealthy.isEmpty() ? "ok" : unhealthy));
        }
        long maxOwned = owned.stream().mapToLong(Stats::max).max().orElse(0);
        long maxOthers = others.stream().mapToLong(Stats::max).max().orElse(0);
        lines.add(String.format(Locale.ROOT, "slowest call while frozen: %.1f ms on owned keys, %.1f ms on others; "
            + "goal store bound + loader = %.1f ms: %s", maxOwned / 1000.0, maxOthers / 1000.0, GOAL_MICROS / 1000.0,
            Math.max(maxOwned, maxOthers) <= GOAL_MICROS ? "met" : "NOT met"));
        Reports.write("freeze.txt", lines);

        assertEquals(List.of(), errorTexts, "callers failed");
        assertEquals(0, owned.stream().mapToLong(Stats::errors).sum() + others.stream().mapToLong(Stats::errors).sum(),
            "callers failed while the member was frozen");
        assertTrue(owned.stream().mapToLong(Stats::calls).sum() > 0, "no call on a key of the frozen member");
        assertTrue(others.stream().mapToLong(Stats::calls).sum() > 0, "no call on the other keys");
        assertTrue(maxOwned < HANG_MICROS && maxOthers < HANG_MICROS, "a call took " + Math.max(maxOwned, maxOthers)
            + " µs while the member was frozen: a hang, not a bounded store call");
        assertEquals(List.of(), unhealthy, "the cache did not work on every member after the freeze");
    }

    /** Sends a signal to a process by id, with the {@code kill} command. */
    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + signal + " " + pid + " did not end");
        String output = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, kill.exitValue(), "kill -" + signal + " " + pid + ": " + output);
    }
}
