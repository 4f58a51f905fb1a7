package org.dogpile.cdi;

import static java.lang.System.Logger.Level.WARNING;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;

/**
 * The only class of the CDI layer that touches the JTA API; loaded only when it is on the class
 * path. Sees the caller's transaction through the container's
 * {@code TransactionSynchronizationRegistry} and runs work after it commits.
 */
final class JtaSynchronizations {
    private static final System.Logger LOG = System.getLogger(JtaSynchronizations.class.getName());
    /** Where Jakarta EE containers bind the registry. */
    static final String JNDI_NAME = "java:comp/TransactionSynchronizationRegistry";

    /** What the calling thread's transaction allows. */
    enum State {
        /** No transaction, or one that is completing: work runs at once. */
        NONE,
        /** An active transaction: work can wait for its commit. */
        ACTIVE,
        /** A transaction marked for rollback: it will not commit. */
        ROLLING_BACK
    }

    private final TransactionSynchronizationRegistry registry;

    /** @param registry the container's registry */
    JtaSynchronizations(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /** @return the container's transactions, when the registry is bound */
    static Optional<JtaSynchronizations> lookUp() {
        return Jndi.lookup(JNDI_NAME, TransactionSynchronizationRegistry.class).map(JtaSynchronizations::new);
    }

    /** @return the state of the calling thread's transaction */
    State state() {
        int status = registry.getTransactionStatus();
        if (status == Status.STATUS_ACTIVE) {
            return State.ACTIVE;
        }
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            return State.ROLLING_BACK;
        }
        return State.NONE;
    }

    /**
     * Runs work once the calling thread's active transaction has committed; never when it rolls back.
     *
     * @param work the work; a failure is logged (without arguments) and does not reach the caller,
     *     whose transaction has already committed
     */
    void afterCommit(Runnable work) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing before the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                try {
                    work.run();
                } catch (RuntimeException failed) {
                    LOG.log(WARNING, "dogpile: an invalidation after commit failed: " + failed.getClass().getName());
                }
            }
        });
    }
}
