package org.dogpile.it.probes;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.dogpile.cdi.DogpileCaches;

/**
 * A container-managed transaction (a stateless bean's default, {@code REQUIRED}) that invalidates a
 * cached balance, then goes on working for a while before it commits or rolls back: a reader in
 * that window must still get the old balance, because the change is not committed yet.
 */
@Stateless
public class LedgerDesk {

    @Resource
    SessionContext context;

    @Inject
    LedgerService ledger;

    @Inject
    DogpileCaches caches;

    /**
     * One transaction.
     *
     * @param account the account
     * @param holdMillis how long the transaction goes on after the invalidation
     * @param rollback whether it ends in a rollback ({@code setRollbackOnly}) instead of a commit
     * @param programmatic invalidate through {@link DogpileCaches#invalidate} instead of the
     *     {@code @DogpileInvalidate} method
     */
    public void update(String account, long holdMillis, boolean rollback, boolean programmatic) {
        if (programmatic) {
            caches.invalidate("ledger", account);
        } else {
            ledger.forget(account);
        }
        try {
            Thread.sleep(holdMillis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
        if (rollback) {
            context.setRollbackOnly();
        }
    }
}
