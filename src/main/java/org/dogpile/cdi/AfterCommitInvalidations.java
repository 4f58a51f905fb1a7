package org.dogpile.cdi;

import static java.lang.System.Logger.Level.INFO;

import java.util.Locale;
import java.util.Optional;

/**
 * When invalidations take effect, relative to the caller's JTA transaction: the
 * {@code @DogpileInvalidate}/{@code @DogpileInvalidateAll} interceptors and the invalidation
 * methods of {@link DogpileCaches} hand their work here. Property {@value #TIMING_PROPERTY}:
 * <ul>
 * <li>{@code after-commit} (default): inside an active transaction, after it commits, and not at all
 *     when it rolls back, so that no reader regenerates from data the transaction has not committed
 *     yet and keeps that for a whole {@code expireAfter}; without a transaction, at once;</li>
 * <li>{@code immediate}: at once, transaction or not (the behaviour before transactions were
 *     considered);</li>
 * <li>{@code both}: at once, and inside a transaction once more after it commits.</li>
 * </ul>
 * Transactions are seen through JNDI {@code java:comp/TransactionSynchronizationRegistry}; without
 * the JTA API on the class path, or without that name bound (Weld SE), invalidations run at once.
 */
final class AfterCommitInvalidations {
    private static final System.Logger LOG = System.getLogger(AfterCommitInvalidations.class.getName());
    /** The configuration property that selects the timing. */
    static final String TIMING_PROPERTY = "dogpile.invalidate.timing";
    /** Checked by name, so that {@link JtaSynchronizations} is loaded only when JTA is there. */
    private static final String JTA_CLASS = "jakarta.transaction.TransactionSynchronizationRegistry";
    /** Invalidations at once, whatever the transaction. */
    static final AfterCommitInvalidations IMMEDIATE = new AfterCommitInvalidations(Timing.IMMEDIATE, null);

    /** The values of {@value #TIMING_PROPERTY}. */
    enum Timing {
        /** After the transaction commits; at once without one. */
        AFTER_COMMIT,
        /** At once. */
        IMMEDIATE,
        /** At once, and again after the transaction commits. */
        BOTH;

        /** @return the property value, such as {@code after-commit} */
        String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * @param value a property value
         * @return the timing, if the value names one
         */
        static Optional<Timing> parse(String value) {
            String normalized = value.trim().toLowerCase(Locale.ROOT);
            for (Timing timing : values()) {
                if (timing.value().equals(normalized)) {
                    return Optional.of(timing);
                }
            }
            return Optional.empty();
        }
    }

    private final Timing timing;
    private final JtaSynchronizations transactions;

    /**
     * @param timing the timing
     * @param transactions the container's transactions, or {@code null} when there are none
     */
    AfterCommitInvalidations(Timing timing, JtaSynchronizations transactions) {
        this.timing = timing;
        this.transactions = transactions;
    }

    /**
     * Reads the timing and looks up the container's transactions.
     *
     * @param config the configuration
     * @param classLoader the application's class loader
     * @return the invalidations of this application
     * @throws IllegalStateException when {@value #TIMING_PROPERTY} has an invalid value
     */
    static AfterCommitInvalidations create(ConfigLookup config, ClassLoader classLoader) {
        String problem = check(config);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        Timing timing = config.value(TIMING_PROPERTY).flatMap(Timing::parse).orElse(Timing.AFTER_COMMIT);
        if (timing == Timing.IMMEDIATE || !ConfigLookup.isPresent(JTA_CLASS, classLoader)) {
            return new AfterCommitInvalidations(timing, null);
        }
        JtaSynchronizations transactions = JtaSynchronizations.lookUp().orElse(null);
        if (transactions != null) {
            LOG.log(INFO, "dogpile: invalidations inside a JTA transaction take effect " + timing.value()
                + " (" + TIMING_PROPERTY + ")");
        }
        return new AfterCommitInvalidations(timing, transactions);
    }

    /**
     * Checks a {@value #TIMING_PROPERTY} value at deployment.
     *
     * @param config the configuration
     * @return a problem, or {@code null}
     */
    static String check(ConfigLookup config) {
        return config.value(TIMING_PROPERTY)
            .filter(value -> Timing.parse(value).isEmpty())
            .map(value -> "invalid value '" + value + "' of " + TIMING_PROPERTY
                + ": expected after-commit, immediate or both")
            .orElse(null);
    }

    /** @return the timing in force */
    Timing timing() {
        return timing;
    }

    /**
     * Applies an invalidation according to the timing.
     *
     * @param invalidation the invalidation; runs on the committing thread when deferred
     * @return {@code true} when it ran now, {@code false} when it waits for the commit (or for a
     *     commit that will not come: a transaction marked for rollback)
     */
    boolean apply(Runnable invalidation) {
        if (transactions == null || timing == Timing.IMMEDIATE) {
            invalidation.run();
            return true;
        }
        JtaSynchronizations.State state = transactions.state();
        if (state == JtaSynchronizations.State.NONE) {
            invalidation.run();
            return true;
        }
        if (timing == Timing.BOTH) {
            invalidation.run();
        }
        if (state == JtaSynchronizations.State.ACTIVE) {
            transactions.afterCommit(invalidation);
        }
        return timing == Timing.BOTH;
    }
}
