package org.dogpile.it.chaos;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpileListener;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.engine.LockTimeoutFallback;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The soak with invalidations: mixed load over many keys, on the {@code @Dogpile} methods of
 * {@link ChaosValues} and on two caches used through an engine of the node's own (same Hazelcast
 * member, same maps), whose listener tells each caller how its value was served (fresh, stale,
 * after a wait, regenerated). Those two caches (one regenerated in the foreground, one in the
 * background) get random invalidations: soft and hard, of one key and of the whole cache.
 *
 * <p>Every value carries its generation, a number of the cluster-wide {@link Generations} counter
 * taken when its loader started; every invalidation takes a number before it starts and one after it
 * returns, and logs both in a Hazelcast map; every caller reads the counter before it calls. After
 * the load, {@code ICHECK} checks each call of this node against every node's invalidations: a call
 * that started after an invalidation of its key returned must not get a value whose loader started
 * before that invalidation started, unless the invalidation was soft and the value was served stale.
 *
 * <table>
 * <caption>Commands</caption>
 * <tr><th>command</th><th>answer</th></tr>
 * <tr><td>{@code ISOAK <seconds> <threads> <keys>}</td><td>{@code ERROR} lines, then
 *     {@code ISOAKED <calls> <errors> <maxMicros> <violations> <invalidations> <checkedCalls>}</td></tr>
 * <tr><td>{@code ICHECK}</td><td>{@code VIOLATION <text>} lines (at most 10), then {@code ICHECKED
 *     <checkedCalls> <hardViolations> <softViolations> <staleAfterSoft> <invalidationsSeen> <localTierHits>
 *     <localTierMaxLateMicros>}: pre-invalidation data that this JVM's local tier served before the
 *     invalidation's change event arrived is counted apart (documented: bounded by {@code localTtl}),
 *     with how long after the invalidation returned it was served at most</td></tr>
 * </table>
 */
final class InvalidationSoak {
    /** The foreground cache used through the engine directly. */
    static final String FORE = "isoak.fore";
    /** The background cache used through the engine directly. */
    static final String BACK = "isoak.back";
    /** The map where every node logs its invalidations. */
    static final String INVALIDATIONS_MAP = "chaos.invalidations";
    private static final String[] CACHES = {FORE, BACK};
    private static final int MAX_ERRORS_REPORTED = 10;
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final byte FRESH = 1;
    private static final byte STALE = 2;
    private static final byte WAITED = 3;
    private static final byte REGENERATED = 4;
    private static final byte OTHER = 5;
    private static final byte LOCAL = 6;
    private static final ThreadLocal<byte[]> OUTCOME = ThreadLocal.withInitial(() -> new byte[1]);

    private final ChaosValues values;
    private final DogpileCaches caches;
    private final RegenerationProbe probe;
    private final Generations generations;
    private final HazelcastInstance hazelcast;
    private DogpileEngine engine;
    private DogpilePolicy[] policies;
    private final List<Calls> calls = new ArrayList<>();

    InvalidationSoak(WeldContainer container) {
        this.values = container.select(ChaosValues.class).get();
        this.caches = container.select(DogpileCaches.class).get();
        this.probe = container.select(RegenerationProbe.class).get();
        this.generations = container.select(Generations.class).get();
        this.hazelcast = container.select(HazelcastInstance.class).get();
    }

    void handle(String[] command) {
        if (command[0].equals("ISOAK")) {
            soak(Duration.ofSeconds(Long.parseLong(command[1])), Integer.parseInt(command[2]),
                Integer.parseInt(command[3]));
        } else {
            check();
        }
    }

    /** Tells the calling thread how the engine served its call. */
    private static final class Outcomes implements DogpileListener {
        @Override
        public void onFreshHit(String cache) {
            OUTCOME.get()[0] = FRESH;
        }

        @Override
        public void onStaleHit(String cache) {
            OUTCOME.get()[0] = STALE;
        }

        @Override
        public void onMissWaited(String cache, long waitNanos) {
            OUTCOME.get()[0] = WAITED;
        }

        @Override
        public void onRegeneration(String cache, long durationNanos, Throwable failure, boolean background) {
            OUTCOME.get()[0] = REGENERATED;
        }

        @Override
        public void onLocalHit(String cache) {
            OUTCOME.get()[0] = LOCAL;
        }

        @Override
        public void onStaleIfError(String cache) {
            OUTCOME.get()[0] = STALE;
        }

        @Override
        public void onStoreFailure(String cache, RuntimeException failure, boolean failedOpen) {
            OUTCOME.get()[0] = OTHER;
        }

        @Override
        public void onLockTimeout(String cache, boolean fallbackCall) {
            OUTCOME.get()[0] = OTHER;
        }
    }

    /** One caller's calls of the engine caches: cache, key, counter before the call, generation, outcome. */
    private static final class Calls {
        byte[] cache = new byte[4096];
        int[] key = new int[4096];
        long[] before = new long[4096];
        long[] generation = new long[4096];
        byte[] outcome = new byte[4096];
        long[] startWall = new long[4096];
        int size;

        void add(int cacheIndex, int k, long callBefore, long gen, byte how, long wallMicros) {
            if (size == key.length) {
                startWall = Arrays.copyOf(startWall, size * 2);
                cache = Arrays.copyOf(cache, size * 2);
                key = Arrays.copyOf(key, size * 2);
                before = Arrays.copyOf(before, size * 2);
                generation = Arrays.copyOf(generation, size * 2);
                outcome = Arrays.copyOf(outcome, size * 2);
            }
            cache[size] = (byte) cacheIndex;
            key[size] = k;
            before[size] = callBefore;
            generation[size] = gen;
            outcome[size] = how;
            startWall[size] = wallMicros;
            size++;
        }
    }

    private String load(String cache, int key) {
        long generation = generations.next();
        Duration work = Duration.ofMillis(cache.equals(FORE) ? ThreadLocalRandom.current().nextInt(1, 21)
            : ThreadLocalRandom.current().nextInt(5, 31));
        String value = probe.regenerate(cache, Integer.toString(key), key, work);
        return key + "#" + generation + "#" + value.substring(value.indexOf('#') + 1);
    }

    private void soak(Duration duration, int threadCount, int keys) {
        if (engine == null) {
            engine = DogpileEngine.builder(new HazelcastStore(hazelcast)).listener(new Outcomes()).build();
            policies = new DogpilePolicy[] {
                DogpilePolicy.expireAfter(Duration.ofMillis(300)).withMaxStale(Duration.ofSeconds(5))
                    .withLockTimeout(Duration.ofSeconds(8), LockTimeoutFallback.THROW),
                DogpilePolicy.expireAfter(Duration.ofSeconds(1)).withMaxStale(Duration.ofSeconds(5))
                    .withLockTimeout(Duration.ofSeconds(8), LockTimeoutFallback.THROW).withBackground(true)};
        }
        IMap<Long, String> log = hazelcast.getMap(INVALIDATIONS_MAP);
        long deadline = System.nanoTime() + duration.toNanos();
        LongAdder callCount = new LongAdder();
        LongAdder errorCount = new LongAdder();
        LongAdder invalidations = new LongAdder();
        AtomicLong maxMicros = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        long violationsBefore = probe.violations();
        for (int t = 0; t < threadCount; t++) {
            Calls mine = new Calls();
            calls.add(mine);
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int hot = Math.max(1, keys / 10);
                while (System.nanoTime() - deadline < 0) {
                    int key = random.nextInt(10) < 8 ? random.nextInt(hot) : random.nextInt(keys);
                    int op = random.nextInt(10_000);
                    int cacheIndex = random.nextInt(2);
                    String cache = CACHES[cacheIndex];
                    long start = System.nanoTime();
                    boolean call = true;
                    try {
                        if (op < 3_000) {
                            values.fast(key);
                        } else if (op < 4_000) {
                            values.background(key);
                        } else if (op < 9_000) {
                            long wall = RegenerationEvent.wallMicrosNow();
                            long before = generations.now();
                            OUTCOME.get()[0] = 0;
                            String value = engine.get(cache, Integer.toString(key), policies[cacheIndex],
                                () -> load(cache, key));
                            mine.add(cacheIndex, key, before, Generations.of(value), OUTCOME.get()[0], wall);
                        } else {
                            call = false;
                            invalidate(op, cache, key, log);
                        }
                    } catch (Exception e) {
                        errorCount.increment();
                        if (errors.size() < MAX_ERRORS_REPORTED) {
                            errors.add(ScenarioCommands.describe(e));
                        }
                    }
                    if (call) {
                        callCount.increment();
                        maxMicros.accumulateAndGet(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start), Math::max);
                    } else {
                        invalidations.increment();
                    }
                    LockSupport.parkNanos(PACE_NANOS);
                }
            }, "isoak-" + t);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join(duration.toMillis() + TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        errors.forEach(error -> ChaosNode.print(NodeProtocol.PREFIX + "ERROR\t" + error));
        ChaosNode.print(NodeProtocol.PREFIX + "ISOAKED\t" + callCount.sum() + "\t" + errorCount.sum() + "\t"
            + maxMicros.get() + "\t" + (probe.violations() - violationsBefore) + "\t" + invalidations.sum() + "\t"
            + calls.stream().mapToLong(c -> c.size).sum());
    }

    /** Runs one invalidation and logs it: {@code cacheIndex key start end soft}, key -1 for the whole cache. */
    private void invalidate(int op, String cache, int key, IMap<Long, String> log) {
        int cacheIndex = cache.equals(FORE) ? 0 : 1;
        boolean whole = op >= 9_990;
        boolean soft = whole ? op >= 9_995 : op < 9_400;
        if (op < 9_200) { // a share of the invalidations goes to the @Dogpile methods, unchecked
            if (op < 9_100) {
                caches.invalidateSoftly(ChaosValues.FAST, key);
            } else {
                caches.invalidate(ChaosValues.FAST, key);
            }
            return;
        }
        long start = generations.next();
        if (whole) {
            if (soft) {
                engine.invalidateAllSoftly(cache);
            } else {
                engine.invalidateAll(cache);
            }
        } else if (soft) {
            engine.invalidateSoftly(cache, Integer.toString(key));
        } else {
            engine.invalidate(cache, Integer.toString(key));
        }
        long end = generations.next();
        log.set(start, cacheIndex + "\t" + (whole ? -1 : key) + "\t" + start + "\t" + end + "\t" + soft + "\t"
            + RegenerationEvent.wallMicrosNow());
    }

    /** Invalidations of one key (or one whole cache), sorted by end, with the running maximum of their starts. */
    private static final class Index {
        long[] ends = new long[0];
        long[] maxStarts = new long[0];
        long[] maxStartReturnedWall = new long[0];
        final List<long[]> pending = new ArrayList<>();

        void seal() {
            pending.sort((a, b) -> Long.compare(a[1], b[1]));
            ends = new long[pending.size()];
            maxStarts = new long[pending.size()];
            maxStartReturnedWall = new long[pending.size()];
            long max = Long.MIN_VALUE;
            long wall = Long.MIN_VALUE;
            for (int i = 0; i < ends.length; i++) {
                ends[i] = pending.get(i)[1];
                if (pending.get(i)[0] > max) {
                    max = pending.get(i)[0];
                    wall = pending.get(i)[2];
                }
                maxStarts[i] = max;
                maxStartReturnedWall[i] = wall;
            }
        }

        /** @return the latest start of the invalidations that ended no later than {@code at} */
        long latestStartEndedBy(long at) {
            int found = lastEndedBy(at);
            return found < 0 ? Long.MIN_VALUE : maxStarts[found];
        }

        /** @return when the invalidation that started last among those ended by {@code at} returned (wall µs) */
        long returnedWallOfLatestEndedBy(long at) {
            int found = lastEndedBy(at);
            return found < 0 ? Long.MIN_VALUE : maxStartReturnedWall[found];
        }

        private int lastEndedBy(long at) {
            int low = 0;
            int high = ends.length - 1;
            int found = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (ends[mid] <= at) {
                    found = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return found;
        }
    }

    private void check() {
        Map<String, Index> hard = new HashMap<>();
        Map<String, Index> soft = new HashMap<>();
        int seen = 0;
        for (String entry : hazelcast.<Long, String>getMap(INVALIDATIONS_MAP).values()) {
            String[] f = entry.split("\t");
            String name = f[0] + "/" + f[1];
            (Boolean.parseBoolean(f[4]) ? soft : hard).computeIfAbsent(name, n -> new Index()).pending
                .add(new long[] {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[5])});
            seen++;
        }
        hard.values().forEach(Index::seal);
        soft.values().forEach(Index::seal);
        long checked = 0;
        long hardViolations = 0;
        long softViolations = 0;
        long staleAfterSoft = 0;
        long localTier = 0;
        long localTierMaxLateMicros = 0;
        List<String> examples = new ArrayList<>();
        for (Calls c : calls) {
            for (int i = 0; i < c.size; i++) {
                checked++;
                String one = c.cache[i] + "/" + c.key[i];
                String all = c.cache[i] + "/-1";
                long hardStart = Math.max(latest(hard, one, c.before[i]), latest(hard, all, c.before[i]));
                long softStart = Math.max(latest(soft, one, c.before[i]), latest(soft, all, c.before[i]));
                boolean afterHard = c.generation[i] < hardStart;
                boolean afterSoft = c.generation[i] < softStart;
                if ((afterHard || afterSoft && c.outcome[i] != STALE) && c.outcome[i] == LOCAL) {
                    // a copy in this JVM's local tier whose change event had not arrived yet: bounded by localTtl
                    localTier++;
                    long returned = Math.max(returnedWall(hard, one, all, c.before[i], afterHard),
                        returnedWall(soft, one, all, c.before[i], afterSoft && !afterHard));
                    localTierMaxLateMicros = Math.max(localTierMaxLateMicros, c.startWall[i] - returned);
                } else if (afterHard) {
                    hardViolations++;
                    example(examples, "hard", c, i, hardStart);
                } else if (afterSoft) {
                    if (c.outcome[i] == STALE) {
                        staleAfterSoft++;
                    } else {
                        softViolations++;
                        example(examples, "soft", c, i, softStart);
                    }
                }
            }
        }
        examples.forEach(text -> ChaosNode.print(NodeProtocol.PREFIX + "VIOLATION\t" + text));
        ChaosNode.print(NodeProtocol.PREFIX + "ICHECKED\t" + checked + "\t" + hardViolations + "\t" + softViolations
            + "\t" + staleAfterSoft + "\t" + seen + "\t" + localTier + "\t" + localTierMaxLateMicros);
    }

    /** When the latest-starting invalidation that ended before the call returned, on the wall clock. */
    private static long returnedWall(Map<String, Index> index, String one, String all, long at, boolean applies) {
        if (!applies) {
            return Long.MIN_VALUE;
        }
        Index i = index.get(one);
        Index a = index.get(all);
        long startOne = i == null ? Long.MIN_VALUE : i.latestStartEndedBy(at);
        long startAll = a == null ? Long.MIN_VALUE : a.latestStartEndedBy(at);
        return startOne >= startAll ? i.returnedWallOfLatestEndedBy(at) : a.returnedWallOfLatestEndedBy(at);
    }

    private static long latest(Map<String, Index> index, String name, long at) {
        Index i = index.get(name);
        return i == null ? Long.MIN_VALUE : i.latestStartEndedBy(at);
    }

    private static void example(List<String> examples, String kind, Calls c, int i, long invalidationStart) {
        if (examples.size() < MAX_ERRORS_REPORTED) {
            examples.add(kind + ": cache " + CACHES[c.cache[i]] + " key " + c.key[i] + ": a call that started at "
                + c.before[i] + " got generation " + c.generation[i] + " (served " + c.outcome[i]
                + ") after an invalidation that started at " + invalidationStart + " had returned");
        }
    }
}
