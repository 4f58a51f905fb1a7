package org.dogpile.it.chaos;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.store.LockLease;
import org.dogpile.store.OwnerTokenLocks;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The commands of the long-regeneration, freeze and invalidation-soak scenarios (see
 * {@link NodeProtocol} for the others).
 *
 * <table>
 * <caption>Commands</caption>
 * <tr><th>command</th><th>answer</th></tr>
 * <tr><td>{@code GLOAD <key> <threads>}</td><td>{@code GLOADING <key>}; callers loop on
 *     {@link ScenarioValues#slow}, each checking that it never gets an older generation after a newer one</td></tr>
 * <tr><td>{@code GSTOP}</td><td>{@code ERROR} lines, {@code GEN <generation> <calls> <firstReturnMicros>
 *     <lastStartMicros>} lines, then {@code GRESULT <calls> <errors> <maxMicros> <backwards>}</td></tr>
 * <tr><td>{@code OWNERS <cache> <argument>...}</td><td>{@code OWNERS <argument>:<entryOwnerPort>:<lockOwnerPort>...}</td></tr>
 * <tr><td>{@code FLOAD <threads> <keys,comma-separated> <frozenPort>}</td><td>{@code FLOADING}; callers
 *     loop on {@link ScenarioValues#frozen} over the keys, each call timed</td></tr>
 * <tr><td>{@code FSTOP <fromWallMicros> <toWallMicros>}</td><td>{@code ERROR} lines, then {@code FRESULT}
 *     with the latency of the calls that started in the window, for keys whose entry partition the
 *     frozen member owns and for the others</td></tr>
 * <tr><td>{@code AFTER <key>}</td><td>{@code AFTERED <key> <value> <micros> <plainLoads>} or {@code FAILED <key> <error>}</td></tr>
 * <tr><td>{@code LEASE <cache> <argument>}</td><td>{@code LEASE <expiresAt>}: the key's lock lease
 *     now, on the cluster clock, or -1</td></tr>
 * <tr><td>{@code ISOAK ...}, {@code ICHECK}</td><td>see {@link InvalidationSoak}</td></tr>
 * </table>
 */
final class ScenarioCommands {
    private static final int MAX_ERRORS_REPORTED = 10;
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ScenarioValues values;
    private final HazelcastInstance hazelcast;
    private final DogpileCaches caches;
    private final InvalidationSoak soak;
    private Load load;

    ScenarioCommands(WeldContainer container) {
        this.values = container.select(ScenarioValues.class).get();
        this.hazelcast = container.select(HazelcastInstance.class).get();
        this.caches = container.select(DogpileCaches.class).get();
        this.soak = new InvalidationSoak(container);
    }

    /**
     * Handles a command of these scenarios.
     *
     * @param command the command and its arguments
     * @return whether the command was one of these
     */
    boolean handle(String[] command) {
        switch (command[0]) {
            case "GLOAD" -> {
                String key = command[1];
                load = new Load(List.of(key), Integer.parseInt(command[2]), values::slow);
                ChaosNode.print(NodeProtocol.PREFIX + "GLOADING\t" + key);
            }
            case "GSTOP" -> stopGenerations();
            case "OWNERS" -> {
                awaitPartitionsAssigned();
                StringBuilder answer = new StringBuilder(NodeProtocol.PREFIX + "OWNERS");
                for (int i = 2; i < command.length; i++) {
                    String key = caches.keyOf(command[1], command[i]);
                    answer.append('\t').append(command[i]).append(':').append(ownerPort(key)).append(':')
                        .append(ownerPort(OwnerTokenLocks.lockKey(command[1], key)));
                }
                ChaosNode.print(answer.toString());
            }
            case "FLOAD" -> {
                List<String> keys = List.of(command[2].split(","));
                load = new Load(keys, Integer.parseInt(command[1]), values::frozen);
                load.frozenPort = Integer.parseInt(command[3]);
                for (String key : keys) {
                    load.frozenOwned.put(key, ownerPort(caches.keyOf(ScenarioValues.FROZEN, key)) == load.frozenPort);
                }
                ChaosNode.print(NodeProtocol.PREFIX + "FLOADING");
            }
            case "FSTOP" -> stopFrozen(Long.parseLong(command[1]), Long.parseLong(command[2]));
            case "AFTER" -> {
                long start = System.nanoTime();
                try {
                    String value = values.after(command[1]);
                    ChaosNode.print(NodeProtocol.PREFIX + "AFTERED\t" + command[1] + "\t" + value + "\t"
                        + TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start) + "\t" + values.plainLoads());
                } catch (RuntimeException e) {
                    ChaosNode.print(NodeProtocol.PREFIX + "FAILED\t" + command[1] + "\t" + describe(e));
                }
            }
            case "LEASE" -> {
                String lease = hazelcast.<String, String>getMap(HazelcastStore.DEFAULT_LOCK_MAP_NAME)
                    .get(OwnerTokenLocks.lockKey(command[1], caches.keyOf(command[1], command[2])));
                ChaosNode.print(NodeProtocol.PREFIX + "LEASE\t" + (lease == null ? -1 : LockLease.expiresAtOf(lease)));
            }
            case "ISOAK", "ICHECK" -> soak.handle(command);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Partitions get owners at the first operation that needs one: make one, wait for all owners. */
    private void awaitPartitionsAssigned() {
        hazelcast.getMap(ClusterMember.CONTROL_MAP).get("assign partitions");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hazelcast.getPartitionService().getPartitions().stream().anyMatch(p -> p.getOwner() == null)
                && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private int ownerPort(String key) {
        Partition partition = hazelcast.getPartitionService().getPartition(key);
        Member owner = partition.getOwner();
        return owner == null ? -1 : owner.getAddress().getPort();
    }

    private void stopGenerations() {
        Load stopped = stopLoad();
        Map<Long, long[]> byGeneration = new HashMap<>(); // calls, first return, last start
        long backwards = 0;
        for (CallLog log : stopped.logs) {
            long last = -1;
            for (int i = 0; i < log.size; i++) {
                if (log.values[i] == null) {
                    continue;
                }
                long generation = Generations.of(log.values[i]);
                if (generation < last) {
                    backwards++;
                }
                last = Math.max(last, generation);
                long[] g = byGeneration.computeIfAbsent(generation, x -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                g[0]++;
                g[1] = Math.min(g[1], log.starts[i] + log.micros[i]);
                g[2] = Math.max(g[2], log.starts[i]);
            }
        }
        stopped.errors.forEach(error -> ChaosNode.print(NodeProtocol.PREFIX + "ERROR\t" + error));
        byGeneration.forEach((generation, g) -> ChaosNode.print(NodeProtocol.PREFIX + "GEN\t" + generation + "\t" + g[0]
            + "\t" + g[1] + "\t" + g[2]));
        ChaosNode.print(NodeProtocol.PREFIX + "GRESULT\t" + stopped.calls() + "\t" + stopped.errorCount() + "\t"
            + stopped.maxMicros() + "\t" + backwards);
    }

    private void stopFrozen(long fromMicros, long toMicros) {
        Load stopped = stopLoad();
        List<Long> owned = new ArrayList<>();
        List<Long> others = new ArrayList<>();
        long ownedErrors = 0;
        long otherErrors = 0;
        for (CallLog log : stopped.logs) {
            for (int i = 0; i < log.size; i++) {
                if (log.starts[i] < fromMicros || log.starts[i] > toMicros) {
                    continue;
                }
                boolean isOwned = stopped.frozenOwned.getOrDefault(log.keys[i], false);
                (isOwned ? owned : others).add(log.micros[i]);
                if (log.values[i] == null) {
                    if (isOwned) {
                        ownedErrors++;
                    } else {
                        otherErrors++;
                    }
                }
            }
        }
        stopped.errors.forEach(error -> ChaosNode.print(NodeProtocol.PREFIX + "ERROR\t" + error));
        ChaosNode.print(NodeProtocol.PREFIX + "FRESULT\t" + stats(owned, ownedErrors) + "\t" + stats(others, otherErrors)
            + "\t" + stopped.calls() + "\t" + stopped.errorCount() + "\t" + values.plainLoads());
    }

    /** @return {@code calls,errors,p50,p99,max} in microseconds */
    private static String stats(List<Long> micros, long errors) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "0," + errors + ",0,0,0";
        }
        return String.format(Locale.ROOT, "%d,%d,%d,%d,%d", sorted.length, errors, percentile(sorted, 50),
            percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private Load stopLoad() {
        Load stopped = load;
        load = null;
        stopped.stop();
        return stopped;
    }

    static String describe(Throwable e) {
        return (e.getClass().getName() + ": " + e.getMessage()).replace('\t', ' ').replace('\n', ' ');
    }

    /** One caller's calls: start (wall clock, µs), duration (µs), key, value ({@code null} on error). */
    static final class CallLog {
        long[] starts = new long[1024];
        long[] micros = new long[1024];
        String[] keys = new String[1024];
        String[] values = new String[1024];
        int size;

        void add(long start, long duration, String key, String value) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                micros = Arrays.copyOf(micros, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            starts[size] = start;
            micros[size] = duration;
            keys[size] = key;
            values[size] = value;
            size++;
        }
    }

    /** Callers looping over keys of one method, every call logged. */
    private static final class Load {
        final List<Thread> threads = new ArrayList<>();
        final List<CallLog> logs = new ArrayList<>();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        final Map<String, Boolean> frozenOwned = new HashMap<>();
        int frozenPort = -1;
        volatile boolean stopping;

        Load(List<String> keys, int threadCount, Function<String, String> method) {
            for (int t = 0; t < threadCount; t++) {
                CallLog log = new CallLog();
                logs.add(log);
                int first = t;
                Thread thread = new Thread(() -> run(keys, first, method, log), "scenario-load-" + t);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
        }

        private void run(List<String> keys, int first, Function<String, String> method, CallLog log) {
            for (int i = first; !stopping; i++) {
                String key = keys.get(i % keys.size());
                long start = RegenerationEvent.wallMicrosNow();
                long startNanos = System.nanoTime();
                String value = null;
                try {
                    value = method.apply(key);
                } catch (RuntimeException e) {
                    if (errors.size() < MAX_ERRORS_REPORTED) {
                        errors.add(describe(e));
                    }
                }
                log.add(start, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos), key, value);
                LockSupport.parkNanos(PACE_NANOS);
            }
        }

        void stop() {
            stopping = true;
            for (Thread thread : threads) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(60));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        long calls() {
            return logs.stream().mapToLong(log -> log.size).sum();
        }

        long errorCount() {
            return logs.stream().mapToLong(log -> Arrays.stream(log.values, 0, log.size).filter(v -> v == null).count()).sum();
        }

        long maxMicros() {
            return logs.stream().mapToLong(log -> Arrays.stream(log.micros, 0, log.size).max().orElse(0)).max().orElse(0);
        }
    }
}
