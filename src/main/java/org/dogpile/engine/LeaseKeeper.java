package org.dogpile.engine;

import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.dogpile.key.KeyDigest;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.LockLease;
import org.dogpile.store.OwnerTokenLocks;

/**
 * Keeps the leases of running regenerations alive, Redisson-watchdog style: a lease is renewed once
 * a third of it has passed, for as long as its regeneration runs in this JVM, so a slow method never
 * runs twice and a dead JVM's lease runs out within one lease. A renewal that finds the lease taken
 * over marks the flight {@linkplain Flight#leaseLost lost} (its write is fenced anyway). It also
 * abandons background regenerations that the executor never started (a discarding or shut-down
 * executor), so their keys are not stuck.
 */
final class LeaseKeeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

    private final DogpileStore store;
    private final OwnerTokenLocks locks;
    private final DogpileListener listener;
    private final Consumer<Flight> abandon;
    private final Set<Flight> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;

    LeaseKeeper(DogpileStore store, OwnerTokenLocks locks, DogpileListener listener, Duration period,
            Consumer<Flight> abandon) {
        this.store = store;
        this.locks = locks;
        this.listener = listener;
        this.abandon = abandon;
        if (period.isZero()) {
            this.ticker = null;
        } else {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "dogpile-lease-keeper");
                thread.setDaemon(true);
                return thread;
            });
            pool.setRemoveOnCancelPolicy(true);
            long millis = Math.max(1, period.toMillis());
            pool.scheduleWithFixedDelay(this::renewDue, millis, millis, TimeUnit.MILLISECONDS);
            this.ticker = pool;
        }
    }

    void track(Flight flight) {
        running.add(flight);
    }

    void untrack(Flight flight) {
        running.remove(flight);
    }

    /** Renews every lease that is a third through, and abandons background work never started. */
    void renewDue() {
        for (Flight flight : running) {
            try {
                keep(flight);
            } catch (RuntimeException unexpected) {
                if (flight.renewalFailureLogged) {
                    continue;
                }
                flight.renewalFailureLogged = true;
                LOG.log(WARNING, () -> "DOGPILE-1011: could not renew the lease of cache '" + flight.key.cache() + "' key "
                    + KeyDigest.forLog(flight.key.key()) + "; trying again until the regeneration ends", unexpected);
            }
        }
    }

    private void keep(Flight flight) {
        long leaseMillis = flight.policy.lease().toMillis();
        long now = store.currentTimeMillis();
        if (flight.isBackground() && !flight.isClaimed() && now - flight.handedOffAt >= leaseMillis) {
            abandon.accept(flight);
            return;
        }
        LockLease lease = flight.lease();
        if (lease == null || flight.leaseLost || flight.isLanded()) {
            return;
        }
        if (lease.expiresAt() - now > leaseMillis * 2 / 3) {
            return;
        }
        LockLease renewed = locks.renew(lease, leaseMillis);
        if (renewed == null) {
            flight.leaseLost = true;
            listener.onLeaseLost(flight.key.cache());
            LOG.log(WARNING, () -> "DOGPILE-1012: the lease on cache '" + flight.key.cache() + "' key "
                + KeyDigest.forLog(flight.key.key()) + " ran out before it could be renewed (a pause longer than "
                + "two thirds of the lease " + flight.policy.lease() + "?); the result of this regeneration will "
                + "be stored only if nobody changed the entry meanwhile");
            return;
        }
        if (!flight.renewed(renewed)) {
            locks.release(renewed); // the flight landed while we renewed: its release missed this lease
            return;
        }
        // the entry being regenerated (its stale value or pending marker) must outlive the regeneration
        long keep = Math.max(OwnerTokenLocks.saturatedAdd(leaseMillis, leaseMillis), flight.keepUntil - now + 1_000);
        store.entries().keep(flight.key.cache(), flight.key.key(), keep);
        listener.onLeaseRenewed(flight.key.cache());
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
