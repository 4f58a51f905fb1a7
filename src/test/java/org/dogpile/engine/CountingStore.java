package org.dogpile.engine;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.EntryTable;
import org.dogpile.store.LockTable;
import org.dogpile.store.StoredEntry;

/**
 * Counts the calls the engine makes, to check its access pattern, and can make any operation fail
 * (a store outage that a real store cannot be made to show on demand).
 */
final class CountingStore implements DogpileStore {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger locks = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    /** Operations that throw: "read", "write", "lock", "release", "remove", "clock"; "events" drops change events. */
    final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When set, every read waits for this latch first: a slow read, held open by the test. */
    volatile java.util.concurrent.CountDownLatch readsHeld;
    /** When set, every read reads first and then waits for this latch: an answer late on its way back. */
    volatile java.util.concurrent.CountDownLatch answersHeld;
    /** Released once by every read that starts waiting for {@link #readsHeld} or {@link #answersHeld}. */
    final java.util.concurrent.Semaphore readsWaiting = new java.util.concurrent.Semaphore(0);
    private final DogpileStore delegate;
    private final EntryTable entries;
    private final LockTable lockTable;

    CountingStore(DogpileStore delegate) {
        this.delegate = delegate;
        EntryTable target = delegate.entries();
        this.entries = new EntryTable() {
            @Override
            public boolean keepsReferences() {
                return target.keepsReferences();
            }

            @Override
            public boolean publishesChanges() {
                return target.publishesChanges();
            }

            @Override
            public void subscribe(String cache, ChangeListener listener) {
                if (!failing.contains("events")) {
                    target.subscribe(cache, listener);
                } else {
                    target.subscribe(cache, new ChangeListener() { // events held back: a lost-event network
                        @Override
                        public void changed(String key) {
                        }

                        @Override
                        public void cleared() {
                        }
                    });
                }
            }

            @Override
            public StoredEntry get(String cache, String key) {
                reads.incrementAndGet();
                hold(readsHeld);
                fail("read");
                StoredEntry found = target.get(cache, key);
                hold(answersHeld);
                return found;
            }

            @Override
            public boolean putIfAbsent(String cache, String key, StoredEntry entry, long ttlMillis) {
                writes.incrementAndGet();
                fail("write");
                return target.putIfAbsent(cache, key, entry, ttlMillis);
            }

            @Override
            public boolean replace(String cache, String key, StoredEntry expected, StoredEntry replacement, long ttlMillis) {
                writes.incrementAndGet();
                fail("write");
                return target.replace(cache, key, expected, replacement, ttlMillis);
            }

            @Override
            public boolean remove(String cache, String key, StoredEntry expected) {
                fail("remove");
                return target.remove(cache, key, expected);
            }

            @Override
            public void remove(String cache, String key) {
                fail("remove");
                target.remove(cache, key);
            }

            @Override
            public void clear(String cache) {
                fail("remove");
                target.clear(cache);
            }

            @Override
            public Collection<String> keys(String cache) {
                fail("read");
                return target.keys(cache);
            }

            @Override
            public void keep(String cache, String key, long ttlMillis) {
                target.keep(cache, key, ttlMillis);
            }
        };
        LockTable lockTarget = delegate.locks();
        this.lockTable = new LockTable() {
            @Override
            public String get(String lockKey) {
                return lockTarget.get(lockKey);
            }

            @Override
            public boolean putIfAbsent(String lockKey, String value, long ttlMillis) {
                locks.incrementAndGet();
                fail("lock");
                return lockTarget.putIfAbsent(lockKey, value, ttlMillis);
            }

            @Override
            public boolean replace(String lockKey, String expected, String value, long ttlMillis) {
                fail("lock");
                return lockTarget.replace(lockKey, expected, value, ttlMillis);
            }

            @Override
            public boolean remove(String lockKey, String expected) {
                releases.incrementAndGet();
                fail("release");
                return lockTarget.remove(lockKey, expected);
            }
        };
    }

    void reset() {
        reads.set(0);
        writes.set(0);
        locks.set(0);
        releases.set(0);
    }

    /** Waits for the latch, when there is one, saying so on {@link #readsWaiting}. */
    private void hold(java.util.concurrent.CountDownLatch latch) {
        if (latch == null) {
            return;
        }
        readsWaiting.release();
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new org.dogpile.store.StoreException("interrupted while held", interrupted);
        }
    }

    private void fail(String operation) {
        if (failing.contains(operation)) {
            throw new org.dogpile.store.StoreException("store " + operation + " failed (test outage)", null);
        }
    }

    @Override
    public long currentTimeMillis() {
        fail("clock");
        return delegate.currentTimeMillis();
    }

    @Override
    public EntryTable entries() {
        return entries;
    }

    @Override
    public LockTable locks() {
        return lockTable;
    }
}
