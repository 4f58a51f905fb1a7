package org.dogpile.store;

import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Leased, owner-checked per-key locks built on a {@link LockTable}; shared by every store.
 *
 * <p>A lock is an entry {@code lockKey -> token@expiresAt}. Taking it is {@code putIfAbsent}; a lock
 * whose lease ran out (by the store's clock, so every member agrees) is taken over by removing
 * exactly that expired value and then {@code putIfAbsent} of ours: between the two the lock is
 * simply free, and whoever puts first owns it, so exactly one contender wins. (Not {@code replace}:
 * Hazelcast's resets the entry's TTL to the map default, and JCache's does not restart a
 * created-expiry.) Release is
 * {@code remove(key, ownValue)}, so a holder whose lease ran out and was taken over cannot free the
 * new owner's lock. Expiry is decided by the time inside the value, never by a store TTL (Hazelcast
 * truncates TTLs to whole seconds); the TTL only cleans up after crashed owners. A live holder
 * renews its lease with {@code replace(key, ownValue, newValue)}, which fails once the lease was
 * taken over, so a holder learns that it lost the lock.
 */
public final class OwnerTokenLocks {

    /** Extra time the lock table keeps an entry after its lease, so cleanup never races takeover. */
    static final long TTL_MARGIN_MILLIS = 2_000;

    private final LockTable table;
    private final LongSupplier clock;

    /**
     * @param table where lock entries live
     * @param clock the store's clock in milliseconds
     */
    public OwnerTokenLocks(LockTable table, LongSupplier clock) {
        this.table = Objects.requireNonNull(table, "table cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
    }

    /**
     * The lock-table key of a cache key; length-prefixed so that no two (cache, key) pairs meet.
     *
     * @param cache the cache name
     * @param key the key
     * @return a unique lock key
     */
    public static String lockKey(String cache, String key) {
        return cache.length() + ":" + cache + ":" + key;
    }

    /**
     * Takes the lock without waiting.
     *
     * @param cache the cache name
     * @param key the key
     * @param leaseMillis how long the lock is held at most; positive
     * @return the lease, or {@code null} when another owner holds an unexpired lease
     */
    public LockLease tryLock(String cache, String key, long leaseMillis) {
        if (leaseMillis <= 0) {
            throw new IllegalArgumentException("leaseMillis must be positive: " + leaseMillis);
        }
        String lockKey = lockKey(cache, key);
        long ttl = saturatedAdd(leaseMillis, TTL_MARGIN_MILLIS);
        for (int attempt = 0; attempt < 3; attempt++) {
            long now = clock.getAsLong();
            LockLease lease = new LockLease(cache, key, UUID.randomUUID().toString(), saturatedAdd(now, leaseMillis));
            if (table.putIfAbsent(lockKey, lease.encoded(), ttl)) {
                return lease;
            }
            String held = table.get(lockKey);
            if (held == null) {
                continue; // released between our two calls: try again
            }
            if (LockLease.expiresAtOf(held) > now) {
                return null;
            }
            return table.remove(lockKey, held) && table.putIfAbsent(lockKey, lease.encoded(), ttl) ? lease : null;
        }
        return null;
    }

    /**
     * Renews a lease that this caller still owns.
     *
     * @param lease the current lease
     * @param leaseMillis the new lease, from now; positive
     * @return the renewed lease, or {@code null} when the lease no longer owns the lock (it ran out
     *     and was taken over or cleaned up)
     */
    public LockLease renew(LockLease lease, long leaseMillis) {
        Objects.requireNonNull(lease, "lease cannot be null");
        if (leaseMillis <= 0) {
            throw new IllegalArgumentException("leaseMillis must be positive: " + leaseMillis);
        }
        long now = clock.getAsLong();
        if (lease.expiresAt() <= now) {
            return null; // ran out: another caller may already own the lock
        }
        LockLease renewed = new LockLease(lease.cache(), lease.key(), lease.token(), saturatedAdd(now, leaseMillis));
        return table.replace(lockKey(lease.cache(), lease.key()), lease.encoded(), renewed.encoded(),
            saturatedAdd(leaseMillis, TTL_MARGIN_MILLIS)) ? renewed : null;
    }

    /**
     * Releases the lock if this lease still owns it.
     *
     * @param lease a lease from {@link #tryLock}
     * @return {@code true} when released; {@code false} when the lease ran out and the lock was taken
     *     over or cleaned up meanwhile
     */
    public boolean release(LockLease lease) {
        Objects.requireNonNull(lease, "lease cannot be null");
        return table.remove(lockKey(lease.cache(), lease.key()), lease.encoded());
    }

    /**
     * Adds without overflow.
     *
     * @param a a non-negative number
     * @param b a non-negative number
     * @return {@code a + b}, or {@link Long#MAX_VALUE} when that overflows
     */
    public static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
