package org.dogpile.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.TimeUnit;
import org.dogpile.store.LockTable;
import org.dogpile.store.OwnerTokenLocks;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of taking and releasing a regeneration lock on a three-member cluster, from the lock
 * key's owner and from another member: through the store (its conditional write is an entry
 * processor that never deserializes what it finds) and with the plain {@code IMap.putIfAbsent}
 * (which hands back, deserialized, whatever it finds). Paid once per regeneration, not on hits.
 *
 * <p>Run (from the project directory; benchmarks are not part of the test run):
 * <pre>
 * mvn -B -Pjmh test-compile exec:exec -Djmh.args="LockPath -f 1 -wi 3 -i 5 -w 1s -r 1s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dhazelcast.logging.type=none", "-Dhazelcast.phone.home.enabled=false",
    "-Djava.net.preferIPv4Stack=true"})
public class LockPathBenchmark {

    private static final String LEASE = "token@9223372036854775807";

    /** Who locks: the lock key's partition owner or another member. */
    @Param({"owner", "nonOwner"})
    public String member;

    private BenchCluster cluster;
    private HazelcastStore store;
    private LockTable locks;
    private IMap<String, String> lockMap;
    private String lockKey;

    /** Starts three members and picks the locking member. */
    @Setup(Level.Trial)
    public void setUp() {
        cluster = BenchCluster.start(3);
        lockKey = OwnerTokenLocks.lockKey("prices", "region-eu");
        HazelcastInstance owner = cluster.owner(lockKey);
        HazelcastInstance locker = member.equals("owner") ? owner
            : cluster.members().stream().filter(m -> m != owner).findFirst().orElseThrow();
        store = new HazelcastStore(locker);
        locks = store.locks();
        lockMap = store.lockMap();
    }

    /** Stops the members. */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        cluster.close();
    }

    /** @return whether the lock was taken and released through the store */
    @Benchmark
    public boolean storeLockAndRelease() {
        return locks.putIfAbsent(lockKey, LEASE, 5_000) & locks.remove(lockKey, LEASE);
    }

    /** @return whether the lock was taken and released with the plain map calls */
    @Benchmark
    public boolean plainPutIfAbsentAndRemove() {
        return lockMap.putIfAbsent(lockKey, LEASE, 5, TimeUnit.SECONDS) == null & lockMap.remove(lockKey, LEASE);
    }
}
