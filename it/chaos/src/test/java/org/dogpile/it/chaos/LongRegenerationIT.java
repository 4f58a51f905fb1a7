package org.dogpile.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A method that runs three times its lease ({@link ScenarioValues#slow}: lease 2 s, loader 6 s),
 * called by 4 callers on each of three node JVMs: first with no value (every caller waits), then
 * once the value expired (one caller regenerates, the others keep the stale value). The lease keeper
 * renews the lease while the loader runs, so each expiry has exactly one regeneration. Every value
 * carries its generation (a number of the cluster-wide counter taken when its loader started);
 * no caller ever gets an older generation after a newer one, and across all processes no call that
 * started after some caller had received a generation gets an older one.
 */
class LongRegenerationIT {
    private static final int NODES = 3;
    private static final int CALLERS_PER_NODE = 4;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void methodRunningThreeLeases_underLoadOnThreeMembers_oneRegenerationPerExpiryAndNeverOlderData() {
        String key = "slow-1";
        long calls = 0;
        long errors = 0;
        long maxMicros = 0;
        long backwards = 0;
        List<String> errorTexts = new ArrayList<>();
        Map<Long, long[]> generations = new TreeMap<>(); // calls, first return, last start
        List<RegenerationEvent> events;
        boolean ended;
        long startedAt = System.nanoTime();
        try (ChaosCluster cluster = new ChaosCluster(Reports.workDir().resolve("slow"), NODES)) {
            List<NodeProcess> nodes = cluster.startAndJoin(NODES, NODES);
            for (NodeProcess node : nodes) {
                node.request("GLOAD " + key + " " + CALLERS_PER_NODE, "GLOADING", REPLY_TIMEOUT);
            }
            // the absent key's regeneration, then the one of its first expiry (5 s after it was stored)
            Duration expected = Duration.ofMillis(2 * ScenarioValues.SLOW_WORK_MILLIS + ScenarioValues.SLOW_FRESH_MILLIS);
            ended = cluster.awaitEvents(all -> ends(all) >= 2, expected.plus(REPLY_TIMEOUT));
            // let the callers read the second value for a second: it stays fresh for five
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            for (NodeProcess node : nodes) {
                node.send("GSTOP");
                for (String[] reply : node.awaitReply("GRESULT", REPLY_TIMEOUT)) {
                    switch (reply[0]) {
                        case "ERROR" -> errorTexts.add(node.pid() + ": " + reply[1]);
                        case "GEN" -> {
                            long[] g = generations.computeIfAbsent(Long.parseLong(reply[1]),
                                x -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                            g[0] += Long.parseLong(reply[2]);
                            g[1] = Math.min(g[1], Long.parseLong(reply[3]));
                            g[2] = Math.max(g[2], Long.parseLong(reply[4]));
                        }
                        case "GRESULT" -> {
                            calls += Long.parseLong(reply[1]);
                            errors += Long.parseLong(reply[2]);
                            maxMicros = Math.max(maxMicros, Long.parseLong(reply[3]));
                            backwards += Long.parseLong(reply[4]);
                        }
                        default -> { }
                    }
                }
            }
            events = cluster.events().stream().filter(e -> e.cache().equals(ScenarioValues.SLOW)).toList();
        }
        RegenerationTimeline timeline = new RegenerationTimeline(events);
        List<String> crossings = new ArrayList<>();
        List<Long> order = List.copyOf(generations.keySet());
        for (int i = 0; i < order.size(); i++) {
            for (int j = i + 1; j < order.size(); j++) {
                long[] older = generations.get(order.get(i));
                long[] newer = generations.get(order.get(j));
                if (older[2] >= newer[1]) {
                    crossings.add("generation " + order.get(i) + " was served to a call that started at " + older[2]
                        + " µs, after generation " + order.get(j) + " had been returned at " + newer[1] + " µs");
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("== a method that runs three leases: lease " + ScenarioValues.SLOW_LEASE_MILLIS + " ms, loader "
            + ScenarioValues.SLOW_WORK_MILLIS + " ms, fresh " + ScenarioValues.SLOW_FRESH_MILLIS + " ms, " + NODES
            + " members x " + CALLERS_PER_NODE + " callers; " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt)
            + " s");
        for (RegenerationTimeline.Regeneration r : timeline.all()) {
            lines.add(String.format(Locale.ROOT, "regeneration %s: lease at start %d, ran %.1f ms", r.start().id(),
                r.start().leaseExpiresAt(),
                r.end() == null ? -1.0 : (r.end().wallMicros() - r.start().wallMicros()) / 1000.0));
        }
        generations.forEach((generation, g) -> lines.add("generation " + generation + ": " + g[0]
            + " calls, first returned at " + g[1] + " µs, last call started at " + g[2] + " µs"));
        lines.add(String.format(Locale.ROOT, "calls %d, errors %d, max call %.1f ms, backwards per caller %d, "
            + "older-after-newer across processes %d, regenerations %d, overlaps %d", calls, errors, maxMicros / 1000.0,
            backwards, crossings.size(), timeline.regenerations(), timeline.overlaps().size()));
        Reports.write("long-regeneration.txt", lines);
        Reports.writeEvents("long-regeneration-events.tsv", events);

        assertEquals(List.of(), errorTexts, "callers failed");
        assertTrue(ended, "two regenerations did not end");
        assertEquals(0, errors, "callers failed");
        assertEquals(2, timeline.regenerations(), "one regeneration for the absent key and one for its expiry");
        assertEquals(List.of(), timeline.overlaps(), "regenerations of the key overlapped");
        assertEquals(List.of(), timeline.unfinished(), "a regeneration never ended");
        assertEquals(2, generations.size(), "callers got other generations than the two regenerations' "
            + generations.keySet());
        assertEquals(0, backwards, "a caller got an older generation after a newer one");
        assertEquals(List.of(), crossings, "a call got an older generation after another had got a newer one");
        for (RegenerationTimeline.Regeneration r : timeline.all()) {
            assertTrue(r.end().wallMicros() - r.start().wallMicros() >= ScenarioValues.SLOW_WORK_MILLIS * 1000,
                "the loader ran shorter than three leases");
        }
    }

    private static long ends(List<RegenerationEvent> all) {
        return all.stream().filter(e -> e.cache().equals(ScenarioValues.SLOW) && e.type() == RegenerationEvent.Type.END)
            .count();
    }
}
