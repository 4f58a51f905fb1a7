package org.dogpile.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The checks for the example WAR on several servers of one cluster, loaded at once: the verdict
 * across the whole cluster, and the takeover after {@code kill -9} of the server that regenerates.
 */
public final class ClusterChecks {
    /** The load on each server: 25 concurrent callers, a wave every 100 ms, for 8 s. */
    public static final WaveLoad LOAD_PER_SERVER = new WaveLoad(25, Duration.ofMillis(100), Duration.ofSeconds(8));
    private static final Duration POLL = Duration.ofMillis(40);

    private ClusterChecks() {
    }

    /**
     * What a kill round found.
     *
     * @param victim the server killed
     * @param killedAt when SIGKILL was sent, epoch milliseconds
     * @param victimRun the regeneration that was running on it
     * @param takeoverRun the survivor's first backend run after the kill
     * @param takeoverMillis from the kill to the start of that run
     * @param staleServed survivor calls answered with a value from before the kill while the takeover
     *     was pending
     */
    public record Takeover(String victim, long killedAt, Invocation victimRun, Invocation takeoverRun,
            long takeoverMillis, int staleServed) {
    }

    /**
     * Loads every server at once on one fresh key of the CDI bean and asserts the verdict on the
     * merged runs and calls, then per server that callers there were served stale values during
     * regenerations, and that values computed on one server were served on another.
     *
     * @param apps the servers, by name
     * @param key a key not asked for before
     * @param label names the run in output and in the files under {@code target/}
     * @return the merged verdict, asserted
     */
    public static Verdict loadAllAtOnce(Map<String, QuoteApp> apps, String key, String label) {
        Map<String, List<Observation>> observed = runAtOnce(apps, key, LOAD_PER_SERVER);
        Map<String, List<Invocation>> runsByServer = new LinkedHashMap<>();
        apps.forEach((name, app) -> runsByServer.put(name, QuoteApp.invocations(app.stats(), key)));
        List<Invocation> runs = runsByServer.values().stream().flatMap(List::stream).toList();
        List<Observation> all = observed.values().stream().flatMap(List::stream).toList();
        Verdict verdict = Verdict.of(QuoteApp.EXPIRE_AFTER, runs, all);
        System.out.printf("[%s] runs per server %s; merged: %s%n", label, runsByServer.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, LinkedHashMap::new)),
            verdict.summary());
        verdict.writeTo(Path.of("target"), label);
        verdict.assertOnePerExpiryAndStaleServed(2);

        boolean servedElsewhere = false;
        for (Map.Entry<String, List<Observation>> server : observed.entrySet()) {
            Verdict own = Verdict.of(QuoteApp.EXPIRE_AFTER, runs, server.getValue());
            System.out.printf("[%s] %s: %d calls, stale answers during regeneration %s%n", label, server.getKey(),
                server.getValue().size(), own.staleDuringRegeneration());
            assertTrue(own.staleDuringRegenerationTotal() > 0, label + ": callers of " + server.getKey()
                + " were never served the previous value while a regeneration ran: " + own.summary());
            Set<String> computedHere = runsByServer.get(server.getKey()).stream().map(Invocation::id)
                .collect(Collectors.toSet());
            servedElsewhere |= own.idsServed().stream().anyMatch(id -> !computedHere.contains(id));
        }
        assertTrue(servedElsewhere, label + ": no server served a value another server computed: " + runsByServer);
        return verdict;
    }

    /**
     * Loads every server, waits until one of them runs a regeneration of the key, kills that server
     * with SIGKILL, and keeps loading the others: their callers must get no error and be served the
     * previous value until one of them takes the regeneration over, within the lease.
     *
     * @param apps the servers, by name
     * @param kill kills a server by name with SIGKILL and returns when, epoch milliseconds
     * @param key a key not asked for before
     * @param lease the lock lease of the key's cache
     * @param label names the run in output
     * @return what happened
     */
    public static Takeover killTheRegeneratingServer(Map<String, QuoteApp> apps, java.util.function.ToLongFunction<String> kill,
            String key, Duration lease, String label) {
        String first = apps.keySet().iterator().next();
        apps.get(first).answer(QuoteApp.QUOTES, key).join();
        WaveLoad load = new WaveLoad(20, Duration.ofMillis(100), lease.plus(Duration.ofSeconds(10)));
        AtomicReference<Object[]> killed = new AtomicReference<>();
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> watching = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < deadline) {
                for (Map.Entry<String, QuoteApp> server : apps.entrySet()) {
                    List<Invocation> running = server.getValue().running(key);
                    if (!running.isEmpty()) {
                        long at = kill.applyAsLong(server.getKey());
                        killed.set(new Object[] {server.getKey(), at, running.get(0)});
                        return;
                    }
                }
                LockSupport.parkNanos(POLL.toNanos());
            }
        }, watcher);
        Map<String, List<Observation>> observed;
        try {
            observed = runAtOnce(apps, key, load);
            watching.join();
        } finally {
            watcher.shutdownNow();
        }
        Object[] victim = killed.get();
        assertTrue(victim != null, label + ": no server was seen regenerating " + key + " within 8 s");
        String victimName = (String) victim[0];
        long killedAt = (Long) victim[1];
        Invocation victimRun = (Invocation) victim[2];

        List<Observation> survivorCalls = new ArrayList<>();
        List<Invocation> survivorRuns = new ArrayList<>();
        for (Map.Entry<String, QuoteApp> server : apps.entrySet()) {
            if (!server.getKey().equals(victimName)) {
                survivorCalls.addAll(observed.get(server.getKey()));
                survivorRuns.addAll(QuoteApp.invocations(server.getValue().stats(), key));
            }
        }
        assertEquals(List.of(), survivorCalls.stream().filter(o -> o.error() != null).limit(5).toList(),
            label + ": callers of the surviving servers got errors");
        Optional<Invocation> takeover = survivorRuns.stream().filter(run -> run.startedAt() >= killedAt)
            .min(Comparator.comparingLong(Invocation::startedAt));
        assertTrue(takeover.isPresent(), label + ": nobody took over after " + victimName + " was killed; survivor runs "
            + survivorRuns);
        Invocation run = takeover.get();
        long takeoverMillis = run.startedAt() - killedAt;
        Set<String> afterKill = survivorRuns.stream().filter(r -> r.startedAt() >= killedAt).map(Invocation::id)
            .collect(Collectors.toSet());
        int stale = (int) survivorCalls.stream()
            .filter(o -> o.sentAt() > killedAt && o.sentAt() < run.finishedAt() && !afterKill.contains(o.id()))
            .count();
        Takeover result = new Takeover(victimName, killedAt, victimRun, run, takeoverMillis, stale);
        System.out.printf("[%s] killed %s while it regenerated %s (started %d ms before the kill); %s took over %d ms after "
            + "the kill (%d ms after the victim's regeneration started; lease %d ms); %d survivor calls served the previous "
            + "value meanwhile, %d survivor calls in all, no errors%n", label, victimName, victimRun.id(),
            killedAt - victimRun.startedAt(), run.id(), takeoverMillis, run.startedAt() - victimRun.startedAt(),
            lease.toMillis(), stale, survivorCalls.size());
        assertTrue(takeoverMillis <= lease.toMillis() + 1_500, label
            + ": the takeover came later than the lease allows: " + result);
        assertTrue(stale > 0, label + ": no survivor caller was served the previous value while the takeover was pending");
        return result;
    }

    /** Runs one load per server, all at once; each server's calls in its own list. */
    private static Map<String, List<Observation>> runAtOnce(Map<String, QuoteApp> apps, String key, WaveLoad load) {
        ExecutorService drivers = Executors.newFixedThreadPool(apps.size());
        try {
            Map<String, CompletableFuture<List<Observation>>> running = new LinkedHashMap<>();
            apps.forEach((name, app) -> running.put(name,
                CompletableFuture.supplyAsync(() -> load.run(() -> app.value(QuoteApp.QUOTES, key)), drivers)));
            Map<String, List<Observation>> observed = new LinkedHashMap<>();
            running.forEach((name, calls) -> observed.put(name, calls.join()));
            return observed;
        } finally {
            drivers.shutdownNow();
        }
    }
}
