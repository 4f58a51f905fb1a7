package org.dogpile.it.support;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a dogpile-protected method did under concurrent load, and whether that is what the library
 * promises: the backend ran once per expiry (never twice in one freshness period, and no more often
 * than the expiries that elapsed allow, plus the first load), every caller got a value of one of
 * those runs, callers of the empty cache all got the first value, and while a regeneration ran
 * other callers were served the previous value at once.
 *
 * <p>All times are epoch milliseconds of this machine's clock; callers and servers run on it.
 *
 * @param expireAfter the method's freshness period
 * @param invocations the backend runs, by start time
 * @param observations the calls, as sent
 * @param expiries how many whole freshness periods passed between the first backend run and the
 *     last answer
 * @param minGapMillis the shortest time between the starts of two consecutive backend runs;
 *     {@code Long.MAX_VALUE} with fewer than two runs
 * @param staleDuringRegeneration per regeneration (backend run after the first): how many calls were
 *     sent after it had started and still got the previous value. Such a call read the store before
 *     the new value landed and did not wait for it (a waiter would have got the new value): it was
 *     served stale while the regeneration ran.
 * @param staleBeforeRegenerationFinished per regeneration: how many of those calls had their answer
 *     before the regeneration even finished
 * @param maxStaleLatencyMillis the slowest answer among the stale ones
 * @param lateStale calls that got an older value although they were sent well after a newer value
 *     was stored ({@link #SETTLE} after its run finished)
 */
public record Verdict(Duration expireAfter, List<Invocation> invocations, List<Observation> observations,
        long expiries, long minGapMillis, List<Integer> staleDuringRegeneration,
        List<Integer> staleBeforeRegenerationFinished, long maxStaleLatencyMillis, long lateStale) {

    /** Clock tolerance between callers and backend runs (store clock versus wall clock). */
    public static final Duration TOLERANCE = Duration.ofMillis(100);
    /** How soon after a run finished its value must be what every new caller gets. */
    public static final Duration SETTLE = Duration.ofSeconds(1);

    /**
     * Computes the verdict.
     *
     * @param expireAfter the method's freshness period
     * @param invocations the backend runs, in any order
     * @param observations the calls
     * @return the verdict
     */
    public static Verdict of(Duration expireAfter, List<Invocation> invocations, List<Observation> observations) {
        List<Invocation> runs = invocations.stream().sorted(Comparator.comparingLong(Invocation::startedAt)).toList();
        long lastAnswer = observations.stream().mapToLong(Observation::receivedAt).max().orElse(0);
        long expiries = runs.isEmpty() ? 0 : Math.max(0, (lastAnswer - runs.get(0).startedAt()) / expireAfter.toMillis());
        long minGap = Long.MAX_VALUE;
        for (int i = 1; i < runs.size(); i++) {
            minGap = Math.min(minGap, runs.get(i).startedAt() - runs.get(i - 1).startedAt());
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            index.put(runs.get(i).id(), i);
        }
        List<Integer> stale = new ArrayList<>();
        List<Integer> staleEarly = new ArrayList<>();
        long maxStaleLatency = 0;
        for (int i = 1; i < runs.size(); i++) {
            Invocation regeneration = runs.get(i);
            String previous = runs.get(i - 1).id();
            int count = 0;
            int early = 0;
            for (Observation o : observations) {
                if (previous.equals(o.id()) && o.sentAt() >= regeneration.startedAt()) {
                    count++;
                    early += o.receivedAt() <= regeneration.finishedAt() ? 1 : 0;
                    maxStaleLatency = Math.max(maxStaleLatency, o.latencyMillis());
                }
            }
            stale.add(count);
            staleEarly.add(early);
        }
        long lateStale = observations.stream().filter(o -> o.id() != null && index.containsKey(o.id())).filter(o -> {
            int got = index.get(o.id());
            return got + 1 < runs.size() && o.sentAt() > runs.get(got + 1).finishedAt() + SETTLE.toMillis();
        }).count();
        return new Verdict(expireAfter, runs, List.copyOf(observations), expiries, minGap, List.copyOf(stale),
            List.copyOf(staleEarly), maxStaleLatency, lateStale);
    }

    /** @return how often the backend ran */
    public int invocationCount() {
        return invocations.size();
    }

    /** @return calls that failed */
    public List<Observation> errors() {
        return observations.stream().filter(o -> o.error() != null).toList();
    }

    /** @return the ids of the values callers got */
    public Set<String> idsServed() {
        return observations.stream().map(Observation::id).filter(id -> id != null)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    /** @return the calls of wave 0 (empty cache) */
    public List<Observation> coldWave() {
        return observations.stream().filter(o -> o.wave() == 0).toList();
    }

    /** @return how many calls got the previous value while a regeneration ran, in total */
    public int staleDuringRegenerationTotal() {
        return staleDuringRegeneration.stream().mapToInt(Integer::intValue).sum();
    }

    /** @return how many stale answers arrived before their regeneration finished, in total */
    public int staleBeforeRegenerationFinishedTotal() {
        return staleBeforeRegenerationFinished.stream().mapToInt(Integer::intValue).sum();
    }

    /** @return the median time from call to answer, in milliseconds */
    public long medianLatencyMillis() {
        long[] latencies = observations.stream().mapToLong(Observation::latencyMillis).sorted().toArray();
        return latencies.length == 0 ? 0 : latencies[latencies.length / 2];
    }

    /**
     * Writes the backend runs and the observations as tab-separated files, for a look after a failure.
     *
     * @param directory where
     * @param prefix the files' name prefix
     */
    public void writeTo(Path directory, String prefix) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(prefix + "-invocations.tsv"), invocations.stream().map(Invocation::toLine).toList());
            Files.write(directory.resolve(prefix + "-observations.tsv"), observations.stream().map(Observation::toLine).toList());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** @return one line with the numbers that matter */
    public String summary() {
        long waves = observations.stream().mapToInt(Observation::wave).distinct().count();
        return String.format("calls=%d in %d waves (median latency %d ms), errors=%d, backend invocations=%d, "
                + "expiries elapsed=%d, min gap between invocations=%s ms (expireAfter=%d ms), "
                + "cold-wave callers=%d got %s, stale answers during regeneration=%d %s, of which before it finished=%d %s "
                + "(slowest stale answer %d ms), stale answers after a newer value settled=%d",
            observations.size(), waves, medianLatencyMillis(), errors().size(), invocationCount(), expiries,
            minGapMillis == Long.MAX_VALUE ? "-" : String.valueOf(minGapMillis), expireAfter.toMillis(),
            coldWave().size(), coldWave().stream().map(Observation::id).collect(Collectors.toCollection(LinkedHashSet::new)),
            staleDuringRegenerationTotal(), staleDuringRegeneration, staleBeforeRegenerationFinishedTotal(),
            staleBeforeRegenerationFinished, maxStaleLatencyMillis, lateStale);
    }

    /**
     * Asserts the library's promise under load; see the class documentation.
     *
     * @param minExpiries how many expiries the load must have spanned at least
     */
    public void assertOnePerExpiryAndStaleServed(int minExpiries) {
        String summary = summary();
        assertAll(summary,
            () -> assertEquals(List.of(), errors().stream().limit(5).toList(), "failed calls"),
            () -> assertTrue(expiries >= minExpiries, "the load spanned " + expiries + " expiries, fewer than "
                + minExpiries),
            () -> assertTrue(invocationCount() > 1, "the value was never regenerated: " + invocationCount()
                + " invocation(s)"),
            () -> assertTrue(invocationCount() <= expiries + 1, invocationCount() + " invocations for " + expiries
                + " expiries: more than one per expiry"),
            () -> assertTrue(invocationCount() >= minExpiries + 1, invocationCount() + " invocations: fewer than "
                + (minExpiries + 1) + " although calls continued across " + expiries + " expiries"),
            () -> assertTrue(minGapMillis >= expireAfter.minus(TOLERANCE).toMillis(), "two invocations only "
                + minGapMillis + " ms apart: a value was regenerated while still fresh"),
            () -> assertEquals(invocations.stream().map(Invocation::id).collect(Collectors.toCollection(TreeSet::new)),
                idsServed(), "the values served are not exactly those the backend computed"),
            () -> assertEquals(Set.of(invocations.isEmpty() ? "" : invocations.get(0).id()),
                coldWave().stream().map(Observation::id).collect(Collectors.toSet()),
                "callers of the empty cache did not all get the first value"),
            () -> assertTrue(staleDuringRegenerationTotal() > 0,
                "no caller got the previous value while a regeneration ran"),
            () -> assertTrue(staleBeforeRegenerationFinishedTotal() > 0,
                "no stale answer arrived before its regeneration finished: callers were not served at once"),
            () -> assertEquals(0, lateStale, "callers got an old value long after a newer one was stored"));
    }
}
