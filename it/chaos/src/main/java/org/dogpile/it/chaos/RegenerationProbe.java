package org.dogpile.it.chaos;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.store.LockLease;
import org.dogpile.store.OwnerTokenLocks;
import org.dogpile.store.hazelcast.HazelcastStore;

/**
 * Instruments the loaders of {@link ChaosValues}: reports each regeneration's start and end with
 * the lease it runs under, counts the regenerations in flight per key cluster-wide (an entry
 * processor on {@value ClusterMember#IN_FLIGHT_MAP}), and blocks the regeneration of an armed key
 * until the process is killed.
 */
@ApplicationScoped
public class RegenerationProbe {
    /** The value of an armed key in {@value ClusterMember#CONTROL_MAP}. */
    static final String ARMED = "armed";
    /** How long a victim's regeneration blocks at most, waiting to be killed. */
    private static final Duration VICTIM_BLOCK = Duration.ofSeconds(60);

    @Inject
    HazelcastInstance hazelcast;

    @Inject
    DogpileCaches caches;

    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private IMap<String, String> locks;
    private IMap<String, String> control;
    private IMap<String, Integer> inFlight;

    /** Creates the bean; the container does this. */
    public RegenerationProbe() {
    }

    @PostConstruct
    void maps() {
        locks = hazelcast.getMap(HazelcastStore.DEFAULT_LOCK_MAP_NAME);
        control = hazelcast.getMap(ClusterMember.CONTROL_MAP);
        inFlight = hazelcast.getMap(ClusterMember.IN_FLIGHT_MAP);
        if (Boolean.getBoolean("chaos.traceLocks")) {
            locks.addEntryListener(new LockTrace(), true);
        }
    }

    /** Prints every change of the lock map that this member hears of. */
    private static final class LockTrace implements com.hazelcast.map.listener.EntryAddedListener<String, String>,
            com.hazelcast.map.listener.EntryRemovedListener<String, String>,
            com.hazelcast.map.listener.EntryUpdatedListener<String, String>,
            com.hazelcast.map.listener.EntryExpiredListener<String, String>,
            com.hazelcast.map.listener.EntryEvictedListener<String, String> {
        private void trace(com.hazelcast.core.EntryEvent<String, String> event) {
            ChaosNode.print(NodeProtocol.PREFIX + "LOCK\t" + event.getEventType() + "\t" + event.getKey() + "\t"
                + event.getValue() + "\t" + event.getOldValue() + "\t" + event.getMember().getAddress().getPort() + "\t"
                + RegenerationEvent.wallMicrosNow());
        }

        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, String> event) {
            trace(event);
        }

        @Override
        public void entryRemoved(com.hazelcast.core.EntryEvent<String, String> event) {
            trace(event);
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, String> event) {
            trace(event);
        }

        @Override
        public void entryExpired(com.hazelcast.core.EntryEvent<String, String> event) {
            trace(event);
        }

        @Override
        public void entryEvicted(com.hazelcast.core.EntryEvent<String, String> event) {
            trace(event);
        }
    }

    /**
     * Runs one regeneration: reports its start, counts it in flight, works for {@code work} (or
     * blocks, when the key is armed), then reports its end.
     *
     * @param cache the cache of the {@code @Dogpile} method
     * @param argument the method's argument
     * @param work how long the regeneration takes
     * @return the new value: the argument, this process id and the regeneration's sequence number
     */
    public String regenerate(String cache, Object argument, Duration work) {
        return regenerate(cache, caches.keyOf(cache, argument), argument, work);
    }

    /**
     * Runs one regeneration of a key of a cache used through the engine directly (no
     * {@code @Dogpile} method), as {@link #regenerate(String, Object, Duration)} does.
     *
     * @param cache the cache
     * @param key the key as the engine stores it
     * @param argument what the value is made of
     * @param work how long the regeneration takes
     * @return the new value: the argument, this process id and the regeneration's sequence number
     */
    public String regenerate(String cache, String key, Object argument, Duration work) {
        String lockKey = OwnerTokenLocks.lockKey(cache, key);
        String lease = locks.get(lockKey);
        long seq = sequence.incrementAndGet();
        String id = pid + "-" + seq;
        Partition partition = hazelcast.getPartitionService().getPartition(lockKey);
        boolean lockLocal = partition.getOwner() != null && partition.getOwner().localMember();
        ChaosNode.print(new RegenerationEvent(RegenerationEvent.Type.START, cache, key, id, pid,
            lease == null ? -1 : LockLease.expiresAtOf(lease), clusterTime(), RegenerationEvent.wallMicrosNow(),
            lockLocal).toLine());
        String flightKey = cache + "|" + key;
        try {
            if (inFlight.executeOnKey(flightKey, new InFlightDelta(1)) > 1) {
                violations.incrementAndGet();
            }
            String controlKey = cache + "|" + argument;
            if (ARMED.equals(control.get(controlKey)) && control.replace(controlKey, ARMED, "victim " + pid)) {
                ChaosNode.print(NodeProtocol.PREFIX + "REGENERATING\t" + argument + "\t" + key + "\t" + id + "\t" + pid + "\t"
                    + RegenerationEvent.wallMicrosNow());
                awaitKill();
            }
            LockSupport.parkNanos(work.toNanos());
            return argument + "#" + id;
        } finally {
            inFlight.executeOnKey(flightKey, new InFlightDelta(-1));
            ChaosNode.print(new RegenerationEvent(RegenerationEvent.Type.END, cache, key, id, pid, -1, clusterTime(),
                RegenerationEvent.wallMicrosNow(), false).toLine());
        }
    }

    /**
     * Arms a key: its next regeneration blocks until the process is killed.
     *
     * @param cache the cache
     * @param argument the method's argument
     */
    public void arm(String cache, Object argument) {
        control.put(cache + "|" + argument, ARMED);
    }

    /** @return how often a regeneration found another one of the same key in flight */
    public long violations() {
        return violations.get();
    }

    private long clusterTime() {
        return hazelcast.getCluster().getClusterTime();
    }

    private static void awaitKill() {
        try {
            new CountDownLatch(1).await(VICTIM_BLOCK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
