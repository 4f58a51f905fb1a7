package org.dogpile.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.LockLease;
import org.dogpile.store.LockTable;
import org.dogpile.store.OwnerTokenLocks;

/** A {@link DogpileStore} on Hazelcast maps, shared by the cluster, on cluster time. */
public final class HazelcastStore implements DogpileStore {
    private final HazelcastInstance hazelcast;
    private final IMap<String, String> lockMap;
    private final OwnerTokenLocks locks;

    /** @param hazelcast the member or client to use */
    public HazelcastStore(HazelcastInstance hazelcast) {
        this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast cannot be null");
        this.lockMap = hazelcast.getMap("dogpile.locks");
        this.locks = new OwnerTokenLocks(new LockTable() {
            @Override
            public String get(String lockKey) {
                return lockMap.get(lockKey);
            }

            @Override
            public boolean putIfAbsent(String lockKey, String value, long ttlMillis) {
                return lockMap.putIfAbsent(lockKey, value, ttlMillis, TimeUnit.MILLISECONDS) == null;
            }

            @Override
            public boolean replace(String lockKey, String expected, String value, long ttlMillis) {
                return lockMap.replace(lockKey, expected, value);
            }

            @Override
            public boolean remove(String lockKey, String expected) {
                return lockMap.remove(lockKey, expected);
            }
        }, this::currentTimeMillis);
    }

    private IMap<String, CacheEntry> map(String cache) {
        return hazelcast.getMap("dogpile.cache." + cache);
    }

    @Override
    public long currentTimeMillis() {
        return hazelcast.getCluster().getClusterTime();
    }

    @Override
    public CacheEntry get(String cache, String key) {
        return map(cache).get(key);
    }

    @Override
    public void put(String cache, String key, CacheEntry entry, long hardTtlMillis) {
        map(cache).set(key, entry, hardTtlMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void remove(String cache, String key) {
        map(cache).delete(key);
    }

    @Override
    public void removeAll(String cache) {
        map(cache).clear();
    }

    @Override
    public boolean markStale(String cache, String key) {
        CacheEntry entry = map(cache).get(key);
        if (entry == null) {
            return false;
        }
        map(cache).set(key, entry.asInvalidated());
        return true;
    }

    @Override
    public void markAllStale(String cache) {
        IMap<String, CacheEntry> map = map(cache);
        for (String key : map.keySet()) {
            markStale(cache, key);
        }
    }

    @Override
    public LockLease tryLock(String cache, String key, long leaseMillis) {
        return locks.tryLock(cache, key, leaseMillis);
    }

    @Override
    public boolean release(LockLease lease) {
        return locks.release(lease);
    }
}
