package org.dogpile.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Three node JVMs, each a Weld SE application with an embedded Hazelcast member of one cluster, call
 * one key; the node whose regeneration holds the key's lock is killed with SIGKILL in the middle of
 * that regeneration, and a fresh node replaces it, round after round ({@code chaos.rounds}, 10 by
 * default), joining while the cluster recovers from the loss. Even rounds kill the holder of an absent key (every caller waits for a value); odd rounds
 * the holder of an expired key (every other caller gets the stale value).
 */
class KillTakeoverIT {
    private static final int NODES = 3;
    private static final int CALLERS_PER_NODE = 4;
    private static final long LEASE_MILLIS = ChaosValues.ROUND_LEASE_MILLIS;
    private static final long LOCK_TIMEOUT_MILLIS = ChaosValues.ROUND_LOCK_TIMEOUT_MILLIS;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    /** What one round measured. */
    private record Round(int number, String mode, long victimPid, String victimId, long finalLease, long failedOpen,
            boolean lockOnVictim, long takeoverMillis, long afterLeaseMillis, long calls, long errors, long maxWaitMicros, List<String> errorTexts,
            List<String> valuesWithoutRegeneration) {
    }

    @Test
    void lockHolder_killedMidRegeneration_anotherMemberTakesOverWithinLeaseAndNoCallerFails() {
        int rounds = Reports.intProperty("chaos.rounds", 10);
        List<Round> results = new ArrayList<>();
        List<RegenerationEvent> events;
        long startedAt = System.nanoTime();
        try (ChaosCluster cluster = new ChaosCluster(Reports.workDir().resolve("kill"), NODES + rounds)) {
            List<NodeProcess> nodes = new ArrayList<>(cluster.startAndJoin(NODES, NODES));
            for (int round = 0; round < rounds; round++) {
                boolean absent = round % 2 == 0;
                List<NodeProcess> replacement = new ArrayList<>();
                Round result = round(cluster, nodes, round, absent, replacement);
                results.add(result);
                nodes.removeIf(node -> node.pid() == result.victimPid());
                cluster.awaitJoined(replacement, NODES);
                nodes.addAll(replacement);
            }
            events = cluster.events();
            if (Boolean.getBoolean("chaos.traceLocks")) {
                Reports.write("kill-takeover-locks.tsv", cluster.lockTrace().stream().distinct().toList());
            }
        }
        report(results, events, Duration.ofNanos(System.nanoTime() - startedAt));

        RegenerationTimeline timeline = new RegenerationTimeline(events, finalLeases(results));
        assertEquals(List.of(), timeline.duplicatesWhileLeaseHeld(), "regenerations of a key while another's lease held");
        assertEquals(rounds, timeline.unfinished().size(), "only the killed regenerations may be unfinished");
        for (Round round : results) {
            String name = "round " + round.number() + " (" + round.mode() + ")";
            assertTrue(round.takeoverMillis() <= LEASE_MILLIS + 1_000,
                name + ": took over " + round.takeoverMillis() + " ms after the kill, more than lease + 1 s");
            assertEquals(List.of(), round.errorTexts(), name + ": callers failed");
            assertEquals(0, round.errors(), name + ": callers failed");
            assertTrue(round.maxWaitMicros() < LOCK_TIMEOUT_MILLIS * 1_000,
                name + ": a caller waited " + round.maxWaitMicros() + " µs, past the lock timeout");
            assertEquals(List.of(), round.valuesWithoutRegeneration(),
                name + ": callers got values that no finished regeneration produced");
            assertTrue(round.calls() > 0, name + ": no calls");
        }
    }

    /**
     * One round: load on a key, kill the member that regenerates it, measure the takeover. The
     * replacement node is launched right after the kill, so it boots and joins while the cluster
     * recovers from the loss; it takes part from the next round on.
     */
    private static Round round(ChaosCluster cluster, List<NodeProcess> nodes, int number, boolean absent,
            List<NodeProcess> replacement) {
        String mode = absent ? "absent" : "stale";
        String key = "r" + number + "-" + mode;
        NodeProcess first = nodes.get(0);
        if (!absent) {
            String[] called = first.request("CALL " + key, "CALLED|FAILED", REPLY_TIMEOUT);
            assertEquals("CALLED", called[0], () -> "the first call of " + key + " failed: " + String.join(" ", called));
        }
        first.request("ARM " + key, "ARMED", REPLY_TIMEOUT);
        for (NodeProcess node : nodes) {
            node.request("LOAD " + key + " " + CALLERS_PER_NODE, "LOADING", REPLY_TIMEOUT);
        }

        String[] regenerating = cluster.awaitRegenerating(REPLY_TIMEOUT);
        assertEquals(key, regenerating[1], "a node regenerates another armed key");
        String storedKey = regenerating[2];
        String victimId = regenerating[3];
        long victimPid = Long.parseLong(regenerating[4]);
        NodeProcess victim = nodes.stream().filter(node -> node.pid() == victimPid).findFirst()
            .orElseThrow(() -> new AssertionError("no live node has pid " + victimPid));
        long killMicros = victim.kill();
        replacement.addAll(cluster.launch(1));
        RegenerationEvent victimStart = cluster.awaitEvent(e -> e.type() == RegenerationEvent.Type.START
                && e.id().equals(victimId), REPLY_TIMEOUT)
            .orElseThrow(() -> new AssertionError("the victim's start event did not arrive"));
        // the victim renews its lease while it lives: read where its last lease ends. A value later than
        // one more lease is a takeover's (the read waited for the cluster to recover): then the start's
        final long read = Long.parseLong(nodes.stream().filter(node -> node != victim).findFirst().orElseThrow()
            .request("LEASE " + ChaosValues.ROUND + " " + key, "LEASE", REPLY_TIMEOUT)[1]);
        final long lastLease = read < 0 || read > victimStart.leaseExpiresAt() + LEASE_MILLIS
            ? victimStart.leaseExpiresAt() : read;
        RegenerationEvent takeover = cluster.awaitEvent(e -> e.type() == RegenerationEvent.Type.START
                && e.pid() != victimPid && e.key().equals(storedKey) && e.cache().equals(ChaosValues.ROUND)
                && e.wallMicros() > victimStart.wallMicros()
                // a loader run that found the victim's lease did not take the lock: a call that failed open
                && e.leaseExpiresAt() != victimStart.leaseExpiresAt() && e.leaseExpiresAt() != lastLease,
                Duration.ofMillis(LEASE_MILLIS + LOCK_TIMEOUT_MILLIS).plus(REPLY_TIMEOUT))
            .orElseThrow(() -> new AssertionError("no member took over " + key + " after the kill"));
        cluster.awaitEvent(e -> e.type() == RegenerationEvent.Type.END && e.id().equals(takeover.id()), REPLY_TIMEOUT)
            .orElseThrow(() -> new AssertionError("the takeover regeneration of " + key + " did not end"));

        long calls = 0;
        long errors = 0;
        long maxWait = 0;
        List<String> errorTexts = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (NodeProcess node : nodes) {
            if (node == victim) {
                continue;
            }
            node.send("STOP");
            for (String[] reply : node.awaitReply("RESULT", REPLY_TIMEOUT)) {
                switch (reply[0]) {
                    case "ERROR" -> errorTexts.add(node.pid() + ": " + reply[1]);
                    case "VALUE" -> values.add(reply[1]);
                    case "RESULT" -> {
                        calls += Long.parseLong(reply[2]);
                        errors += Long.parseLong(reply[3]);
                        maxWait = Math.max(maxWait, Long.parseLong(reply[4]));
                    }
                    default -> { }
                }
            }
        }
        assertTrue(victim.awaitExit(REPLY_TIMEOUT), "the killed node did not end");

        Set<String> finished = cluster.events().stream().filter(e -> e.type() == RegenerationEvent.Type.END)
            .map(RegenerationEvent::id).collect(Collectors.toSet());
        List<String> withoutRegeneration = values.stream()
            .filter(value -> !finished.contains(value.substring(value.indexOf('#') + 1))).toList();
        // read only after the takeover locked the key: the victim's last lease is unknown
        long finalLease = lastLease >= takeover.leaseExpiresAt() ? -1 : lastLease;
        long failedOpen = cluster.events().stream().filter(e -> e.type() == RegenerationEvent.Type.START
            && e.key().equals(storedKey) && e.cache().equals(ChaosValues.ROUND) && e.pid() != victimPid
            && (e.leaseExpiresAt() == victimStart.leaseExpiresAt() || e.leaseExpiresAt() == lastLease)).count();
        return new Round(number, mode, victimPid, victimId, finalLease, failedOpen, victimStart.lockLocal(),
            (takeover.wallMicros() - killMicros) / 1_000, takeover.clusterMillis() - finalLease, calls, errors, maxWait, errorTexts,
            withoutRegeneration);
    }

    /** @return the lease each killed regeneration had when it died (renewed until then), by id */
    private static java.util.Map<String, Long> finalLeases(List<Round> rounds) {
        return rounds.stream().filter(r -> r.finalLease() >= 0)
            .collect(Collectors.toMap(Round::victimId, Round::finalLease));
    }

    private static void report(List<Round> rounds, List<RegenerationEvent> events, Duration took) {
        List<String> lines = new ArrayList<>();
        lines.add("== kill -9 of the regenerating member: " + rounds.size() + " rounds, " + NODES + " members, lease "
            + LEASE_MILLIS + " ms, lock timeout " + LOCK_TIMEOUT_MILLIS + " ms, " + CALLERS_PER_NODE
            + " callers per member; " + took.toSeconds() + " s");
        lines.add("round  mode    lock-on-victim  takeover-after-kill-ms  after-lease-ran-out-ms  calls  errors  max-wait-ms"
            + "  failed-open");
        for (Round r : rounds) {
            lines.add(String.format(Locale.ROOT, "%5d  %-6s  %-14s  %22s  %22s  %5d  %6d  %11.1f  %11d", r.number(),
                r.mode(), r.lockOnVictim(), r.takeoverMillis(), r.finalLease() < 0 ? "?" : r.afterLeaseMillis(), r.calls(),
                r.errors(), r.maxWaitMicros() / 1000.0, r.failedOpen()));
        }
        if (!rounds.isEmpty()) {
            long[] takeovers = rounds.stream().mapToLong(Round::takeoverMillis).toArray();
            lines.add(String.format(Locale.ROOT, "takeover after kill: min %d ms, median %.1f ms, max %d ms",
                java.util.Arrays.stream(takeovers).min().orElseThrow(), Reports.median(takeovers),
                java.util.Arrays.stream(takeovers).max().orElseThrow()));
        }
        RegenerationTimeline timeline = new RegenerationTimeline(events, finalLeases(rounds));
        lines.add("loader runs: " + timeline.regenerations() + ", overlaps of two regenerations under leases of their own: "
            + timeline.underOwnLeases().size() + " (while a lease held: " + timeline.duplicatesWhileLeaseHeld().size()
            + "), overlaps with a loader run that failed open (the store did not answer): "
            + timeline.withoutLock().size());
        Reports.write("kill-takeover.txt", lines);
        Reports.writeEvents("kill-takeover-events.tsv", events);
    }
}
