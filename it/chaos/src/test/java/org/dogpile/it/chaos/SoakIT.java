package org.dogpile.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dogpile.engine.DogpilePolicy;
import org.junit.jupiter.api.Test;

/**
 * Three node JVMs, each a Weld SE application with an embedded Hazelcast member, under mixed load
 * for {@code soak.seconds} (60 by default) over {@value #KEYS} keys, a tenth of them hot: the
 * {@code @Dogpile} methods of {@link ChaosValues} (values fresh for 300 ms in the foreground or 1 s
 * with background regeneration) and two caches of the same kinds used through an engine directly
 * ({@link InvalidationSoak}), with random invalidations: soft and hard, of one key and of a whole
 * cache. Every loader counts itself in flight per key in a Hazelcast map and reports its start and
 * end; the test checks that no key ever had two regenerations in flight at once, and that no caller
 * got data computed before an invalidation that had returned before it called (served stale after a
 * soft invalidation is allowed; served fresh is not).
 */
class SoakIT {
    private static final int NODES = 3;
    private static final int THREADS_PER_NODE = 4;
    private static final int KEYS = 200;

    @Test
    void mixedLoadOnThreeMembers_forSoakDuration_neverTwoRegenerationsOfAKeyInFlight() {
        Duration duration = Duration.ofSeconds(Reports.intProperty("soak.seconds", 60));
        long calls = 0;
        long errors = 0;
        long maxWaitMicros = 0;
        long counterViolations = 0;
        long invalidations = 0;
        long checked = 0;
        long hardViolations = 0;
        long softViolations = 0;
        long staleAfterSoft = 0;
        long logged = 0;
        long localTier = 0;
        long localTierMaxLateMicros = 0;
        List<String> errorTexts = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        RegenerationTimeline timeline;
        try (ChaosCluster cluster = new ChaosCluster(Reports.workDir().resolve("soak"), NODES)) {
            List<NodeProcess> nodes = cluster.startAndJoin(NODES, NODES);
            for (NodeProcess node : nodes) {
                node.send("ISOAK " + duration.toSeconds() + " " + THREADS_PER_NODE + " " + KEYS);
            }
            for (NodeProcess node : nodes) {
                for (String[] reply : node.awaitReply("ISOAKED", duration.plusMinutes(2))) {
                    if (reply[0].equals("ERROR")) {
                        errorTexts.add(node.pid() + ": " + reply[1]);
                    } else if (reply[0].equals("ISOAKED")) {
                        calls += Long.parseLong(reply[1]);
                        errors += Long.parseLong(reply[2]);
                        maxWaitMicros = Math.max(maxWaitMicros, Long.parseLong(reply[3]));
                        counterViolations += Long.parseLong(reply[4]);
                        invalidations += Long.parseLong(reply[5]);
                    }
                }
            }
            // background regenerations started just before the end may still be running: wait for their ends
            cluster.awaitEvents(events -> events.stream().filter(e -> e.type() == RegenerationEvent.Type.START).count()
                == events.stream().filter(e -> e.type() == RegenerationEvent.Type.END).count(), Duration.ofSeconds(30));
            timeline = new RegenerationTimeline(cluster.events());
            // every node checks its calls against the invalidations of all nodes
            for (NodeProcess node : nodes) {
                node.send("ICHECK");
                for (String[] reply : node.awaitReply("ICHECKED", Duration.ofMinutes(2))) {
                    if (reply[0].equals("VIOLATION")) {
                        violations.add(node.pid() + ": " + reply[1]);
                    } else if (reply[0].equals("ICHECKED")) {
                        checked += Long.parseLong(reply[1]);
                        hardViolations += Long.parseLong(reply[2]);
                        softViolations += Long.parseLong(reply[3]);
                        staleAfterSoft += Long.parseLong(reply[4]);
                        logged = Long.parseLong(reply[5]);
                        localTier += Long.parseLong(reply[6]);
                        localTierMaxLateMicros = Math.max(localTierMaxLateMicros, Long.parseLong(reply[7]));
                    }
                }
            }
        }

        List<String> lines = new ArrayList<>();
        lines.add("== soak: " + NODES + " members x " + THREADS_PER_NODE + " callers, " + KEYS + " keys, "
            + duration.toSeconds() + " s");
        lines.add(String.format(Locale.ROOT, "calls %d (%.0f/s), invalidations %d, errors %d, max wait %.1f ms",
            calls, calls / (double) duration.toSeconds(), invalidations, errors, maxWaitMicros / 1000.0));
        lines.add("regenerations " + timeline.regenerations() + " over " + timeline.keys() + " keys ("
            + timeline.regenerationsOf(ChaosValues.FAST) + " foreground, "
            + timeline.regenerationsOf(ChaosValues.BACKGROUND) + " background)");
        lines.add("violations: in-flight counter " + counterViolations + ", merged timeline overlaps "
            + timeline.overlaps().size() + ", unfinished " + timeline.unfinished().size());
        lines.add("invalidation check: " + checked + " calls of the engine caches checked against " + logged
            + " invalidations; older data after a hard invalidation " + hardViolations
            + ", pre-invalidation data served fresh after a soft one " + softViolations
            + " (served stale after a soft one, allowed: " + staleAfterSoft + "); served by a local tier before the "
            + "invalidation's event arrived: " + localTier + String.format(Locale.ROOT, ", at most %.1f ms after the "
            + "invalidation returned (documented bound: localTtl %d ms)", Math.max(0, localTierMaxLateMicros) / 1000.0,
            DogpilePolicy.DEFAULT_LOCAL_TTL.toMillis()));
        violations.forEach(lines::add);
        Reports.write("soak.txt", lines);

        assertEquals(List.of(), errorTexts, "callers failed");
        assertEquals(List.of(), violations, "callers got data from before an invalidation that had returned");
        assertEquals(0, hardViolations + softViolations, "callers got data from before an invalidation that had returned");
        assertTrue(checked > 0 && logged > 0, "no checked call or no invalidation");
        assertTrue(localTierMaxLateMicros <= DogpilePolicy.DEFAULT_LOCAL_TTL.toNanos() / 1_000,
            "a local tier served pre-invalidation data " + localTierMaxLateMicros + " µs after the invalidation returned");
        assertEquals(0, errors, "callers failed");
        assertEquals(0, counterViolations, "a loader found another regeneration of its key in flight");
        assertEquals(List.of(), timeline.overlaps(), "regenerations of one key overlapped");
        assertEquals(List.of(), timeline.unfinished(), "regenerations never ended");
        assertEquals(List.of(), timeline.unmatchedEnds(), "events were lost");
        assertTrue(maxWaitMicros < 8_000_000, "a caller waited " + maxWaitMicros + " µs, past the lock timeout");
        assertTrue(calls > 0 && timeline.regenerationsOf(ChaosValues.FAST) > 0
            && timeline.regenerationsOf(ChaosValues.BACKGROUND) > 0, "the load did not regenerate both caches");
    }
}
