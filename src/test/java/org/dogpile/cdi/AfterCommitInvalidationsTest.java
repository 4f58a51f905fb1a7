package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When invalidations run relative to a transaction, against a registry that completes transactions
 * on demand. The servers' real JTA is exercised in {@code it/} (WildFly and Payara).
 */
class AfterCommitInvalidationsTest {

    /** A registry whose one transaction the test begins and completes. */
    private static final class Transactions implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_NO_TRANSACTION;
        final List<Synchronization> synchronizations = new ArrayList<>();

        void complete(int outcome) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            status = outcome;
            synchronizations.forEach(s -> s.afterCompletion(outcome));
            synchronizations.clear();
            status = Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public Object getTransactionKey() {
            return status == Status.STATUS_NO_TRANSACTION ? null : this;
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            if (status != Status.STATUS_ACTIVE) {
                throw new IllegalStateException("no active transaction: " + status);
            }
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void setRollbackOnly() {
            status = Status.STATUS_MARKED_ROLLBACK;
        }

        @Override
        public boolean getRollbackOnly() {
            return status == Status.STATUS_MARKED_ROLLBACK;
        }
    }

    private final Transactions transactions = new Transactions();
    private final AtomicInteger runs = new AtomicInteger();

    private AfterCommitInvalidations timing(AfterCommitInvalidations.Timing timing) {
        return new AfterCommitInvalidations(timing, new JtaSynchronizations(transactions));
    }

    @Test
    void afterCommit_activeTransactionCommits_runsOnceAfterTheCommit() {
        transactions.status = Status.STATUS_ACTIVE;

        assertFalse(timing(AfterCommitInvalidations.Timing.AFTER_COMMIT).apply(runs::incrementAndGet));
        assertEquals(0, runs.get(), "must wait for the commit");
        transactions.complete(Status.STATUS_COMMITTED);

        assertEquals(1, runs.get());
    }

    @Test
    void afterCommit_activeTransactionRollsBack_neverRuns() {
        transactions.status = Status.STATUS_ACTIVE;

        timing(AfterCommitInvalidations.Timing.AFTER_COMMIT).apply(runs::incrementAndGet);
        transactions.complete(Status.STATUS_ROLLEDBACK);

        assertEquals(0, runs.get());
    }

    @Test
    void afterCommit_transactionMarkedForRollback_neverRuns() {
        transactions.status = Status.STATUS_MARKED_ROLLBACK;

        assertFalse(timing(AfterCommitInvalidations.Timing.AFTER_COMMIT).apply(runs::incrementAndGet));

        assertEquals(0, runs.get());
        assertTrue(transactions.synchronizations.isEmpty());
    }

    @Test
    void afterCommit_noTransaction_runsAtOnce() {
        assertTrue(timing(AfterCommitInvalidations.Timing.AFTER_COMMIT).apply(runs::incrementAndGet));

        assertEquals(1, runs.get());
    }

    @Test
    void immediate_activeTransaction_runsAtOnceOnly() {
        transactions.status = Status.STATUS_ACTIVE;

        assertTrue(timing(AfterCommitInvalidations.Timing.IMMEDIATE).apply(runs::incrementAndGet));
        transactions.complete(Status.STATUS_COMMITTED);

        assertEquals(1, runs.get());
    }

    @Test
    void both_activeTransactionCommits_runsAtOnceAndAgainAfterTheCommit() {
        transactions.status = Status.STATUS_ACTIVE;

        assertTrue(timing(AfterCommitInvalidations.Timing.BOTH).apply(runs::incrementAndGet));
        assertEquals(1, runs.get());
        transactions.complete(Status.STATUS_COMMITTED);

        assertEquals(2, runs.get());
    }

    @Test
    void both_activeTransactionRollsBack_runsAtOnceOnly() {
        transactions.status = Status.STATUS_ACTIVE;

        timing(AfterCommitInvalidations.Timing.BOTH).apply(runs::incrementAndGet);
        transactions.complete(Status.STATUS_ROLLEDBACK);

        assertEquals(1, runs.get());
    }

    @Test
    void afterCommit_failingInvalidation_isLoggedNotThrownIntoTheCommit() {
        transactions.status = Status.STATUS_ACTIVE;
        timing(AfterCommitInvalidations.Timing.AFTER_COMMIT).apply(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("store down");
        });

        transactions.complete(Status.STATUS_COMMITTED);

        assertEquals(1, runs.get());
    }

    @Test
    void timingProperty_valuesAndDefault() {
        assertEquals(Optional.of(AfterCommitInvalidations.Timing.AFTER_COMMIT),
            AfterCommitInvalidations.Timing.parse("after-commit"));
        assertEquals(Optional.of(AfterCommitInvalidations.Timing.IMMEDIATE),
            AfterCommitInvalidations.Timing.parse(" Immediate "));
        assertEquals(Optional.of(AfterCommitInvalidations.Timing.BOTH), AfterCommitInvalidations.Timing.parse("both"));
        assertEquals(Optional.empty(), AfterCommitInvalidations.Timing.parse("later"));
        assertNull(AfterCommitInvalidations.check(config(Map.of())));
        assertEquals(AfterCommitInvalidations.Timing.AFTER_COMMIT,
            AfterCommitInvalidations.create(config(Map.of()), getClass().getClassLoader()).timing());
    }

    @Test
    void timingProperty_invalidValue_namesPropertyAndValue() {
        ConfigLookup config = config(Map.of(AfterCommitInvalidations.TIMING_PROPERTY, "later"));

        assertEquals("invalid value 'later' of dogpile.invalidate.timing: expected after-commit, immediate or both",
            AfterCommitInvalidations.check(config));
        assertThrows(IllegalStateException.class,
            () -> AfterCommitInvalidations.create(config, getClass().getClassLoader()));
    }

    @Test
    void create_outsideAContainer_runsAtOnceEvenWhenAfterCommit() {
        AfterCommitInvalidations invalidations = AfterCommitInvalidations.create(
            config(Map.of(AfterCommitInvalidations.TIMING_PROPERTY, "after-commit")), getClass().getClassLoader());

        assertTrue(invalidations.apply(runs::incrementAndGet));
        assertEquals(1, runs.get());
    }

    private static ConfigLookup config(Map<String, String> values) {
        return new ConfigLookup() {
            @Override
            public Optional<String> value(String name) {
                return Optional.ofNullable(values.get(name));
            }

            @Override
            public Iterable<String> propertyNames() {
                return values.keySet();
            }
        };
    }
}
