package org.dogpile.engine;

import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.store.CacheEntry;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.LockLease;

/** Counts the calls the engine makes, to check its access pattern. */
final class CountingStore implements DogpileStore {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger locks = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    private final DogpileStore delegate;

    CountingStore(DogpileStore delegate) {
        this.delegate = delegate;
    }

    void reset() {
        reads.set(0);
        locks.set(0);
        releases.set(0);
    }

    @Override
    public long currentTimeMillis() {
        return delegate.currentTimeMillis();
    }

    @Override
    public CacheEntry get(String cache, String key) {
        reads.incrementAndGet();
        return delegate.get(cache, key);
    }

    @Override
    public void put(String cache, String key, CacheEntry entry, long hardTtlMillis) {
        delegate.put(cache, key, entry, hardTtlMillis);
    }

    @Override
    public void remove(String cache, String key) {
        delegate.remove(cache, key);
    }

    @Override
    public void removeAll(String cache) {
        delegate.removeAll(cache);
    }

    @Override
    public boolean markStale(String cache, String key) {
        return delegate.markStale(cache, key);
    }

    @Override
    public void markAllStale(String cache) {
        delegate.markAllStale(cache);
    }

    @Override
    public LockLease tryLock(String cache, String key, long leaseMillis) {
        locks.incrementAndGet();
        return delegate.tryLock(cache, key, leaseMillis);
    }

    @Override
    public boolean release(LockLease lease) {
        releases.incrementAndGet();
        return delegate.release(lease);
    }
}
