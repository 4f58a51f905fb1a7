package org.dogpile.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dogpile.store.LockLease;

/**
 * One attempt at one key in this JVM, shared by the callers that wait for it: completed with the
 * value, the failure, or {@link #RETRY}. See the concurrency design in {@link DogpileEngine}.
 */
final class Flight extends CompletableFuture<Object> {

    /** An outcome meaning "no answer for you: start over". */
    static final Object RETRY = new Object();

    /** The cache and key of a flight. */
    record Key(String cache, String key) { }

    final Key key;
    /** The leader's deadline on the store clock, {@code Long.MAX_VALUE} on the stale path. */
    final long deadline;
    /** The policy of the call that started it (lease length for renewal). */
    final DogpilePolicy policy;
    /** The owner token of every lock attempt of this flight, so a timed-out attempt that took the lock is recognised. */
    final String lockToken = java.util.UUID.randomUUID().toString();
    /** Set once the leader holds the lock and runs the loader. */
    volatile boolean loading;
    /** Set once the leader runs its lock-timeout fallback: the answer to a waiter's own timeout. */
    volatile boolean fallingBack;
    /** The lease while held; replaced on renewal, read at landing (guarded by {@code this}). */
    private LockLease lease;
    private boolean landed;
    /** Set once a failed renewal was logged, so a dead store is reported once per regeneration. */
    volatile boolean renewalFailureLogged;
    /** The end of the hard TTL of the entry being regenerated (store clock), 0 for a pending marker. */
    volatile long keepUntil;
    /** Set once a store call of this flight failed: its release then must not hold up the caller. */
    volatile boolean storeFailed;
    /** Set when a renewal found the lease taken over. */
    volatile boolean leaseLost;
    /** For background regenerations: when handed to the executor (store clock), and whoever runs it first. */
    volatile boolean background;
    volatile long handedOffAt;
    private final AtomicBoolean claimed = new AtomicBoolean();
    /** Written and read by the thread that lands the flight. */
    Object outcome = RETRY;
    Throwable failure;

    Flight(Key key, long deadline, DogpilePolicy policy) {
        this.key = key;
        this.deadline = deadline;
        this.policy = policy;
    }

    synchronized LockLease lease() {
        return lease;
    }

    synchronized void holdLease(LockLease lease) {
        this.lease = lease;
    }

    /**
     * Replaces the lease after a renewal, unless the flight has landed meanwhile.
     *
     * @return {@code false} when landed (the renewal must not be used)
     */
    synchronized boolean renewed(LockLease renewed) {
        if (landed) {
            return false;
        }
        this.lease = renewed;
        return true;
    }

    /** Marks the flight landed; no renewal replaces the lease afterwards. */
    synchronized LockLease land() {
        landed = true;
        return lease;
    }

    synchronized boolean isLanded() {
        return landed;
    }

    boolean isBackground() {
        return background;
    }

    /** @return {@code true} for whoever runs (or abandons) a background regeneration first */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    boolean isClaimed() {
        return claimed.get();
    }
}
