package org.dogpile.lock;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The seed's dogpile lock, in one JVM: one thread creates an expensive resource while the other
 * threads keep using the old one until the new one is ready.
 *
 * <pre>{@code
 * DogpileLock lock = new DogpileLock(Duration.ofHours(1));
 * try (DogpileLock.Handle<Void> handle = lock.acquire(() -> { resource = createResource(); return null; })) {
 *     resource.doSomething();
 * }
 * }</pre>
 *
 * <p>The first {@code acquire} runs the creator; threads that arrive meanwhile wait for it. Once a
 * value exists, each time the expiration is reached exactly one thread runs the creator and the
 * threads that arrive meanwhile proceed at once, using the old resource.
 *
 * <p><b>Value-function mode</b> ({@link #acquire(Creator, Getter)}): the getter returns the value or
 * throws {@link NeedRegenerationException} when it is gone (for example evicted from a
 * memcached-like cache). The getter is called once per acquire; when this caller runs the creator,
 * the creator's result is returned and the getter is not called again. The one exception: when the
 * getter found nothing and another thread created the value while this one waited, the getter is
 * called a second time to fetch what that thread created. Construct the lock with {@code init = true}
 * to rely on the getter for the first creation; with {@code init = false} the first acquire creates
 * the value unconditionally.
 *
 * <p>The creator's exception reaches the thread that ran it, unchanged, and the lock is released;
 * waiting threads then try for themselves. This class is thread-safe.
 */
public class DogpileLock {

    /**
     * Creates the resource; called by at most one thread at a time.
     *
     * @param <V> the value type
     */
    @FunctionalInterface
    public interface Creator<V> {
        /**
         * Creates the value.
         *
         * @return the new value, which may be {@code null} when the creator publishes the resource itself
         * @throws Exception any failure, passed unchanged to the caller that ran the creator
         */
        V create() throws Exception;
    }

    /**
     * Fetches the current value, or throws {@link NeedRegenerationException} when there is none.
     *
     * @param <V> the value type
     */
    @FunctionalInterface
    public interface Getter<V> {
        /**
         * Returns the current value.
         *
         * @return the value
         * @throws NeedRegenerationException when no value is available
         * @throws Exception any other failure, passed unchanged to the caller
         */
        V get() throws Exception;
    }

    /**
     * The result of an acquire: the value, and whether this caller created it. Close it when the
     * block that uses the resource ends ({@link SyncReaderDogpileLock} releases its read lock there).
     *
     * @param <V> the value type
     */
    public interface Handle<V> extends AutoCloseable {
        /**
         * The value: the creator's result if this caller created it, else the getter's result
         * ({@code null} in creator-only mode when this caller did not create it).
         *
         * @return the value
         */
        V value();

        /**
         * Whether this caller ran the creator.
         *
         * @return {@code true} when this acquire ran the creator
         */
        boolean created();

        /** Leaves the block; never throws, and a second call does nothing. */
        @Override
        void close();
    }

    /** Not a ReentrantLock: like the seed's lock, an acquire inside the creator never runs the creator again. */
    private final Semaphore creationLock = new Semaphore(1);
    /** The thread running the creator, to refuse the one acquire that could only wait for itself. */
    private volatile Thread creatingThread;
    private final long expireAfterNanos;
    private final LongSupplier nanoClock;
    /** When the current value was created, on {@link #nanoClock}; {@code null} while there is none. */
    private volatile Long createdAt;

    /**
     * Creates a lock whose first acquire runs the creator.
     *
     * @param expireAfter how long a created value stays fresh; positive
     */
    public DogpileLock(Duration expireAfter) {
        this(expireAfter, false);
    }

    /**
     * Creates a lock.
     *
     * @param expireAfter how long a created value stays fresh; positive
     * @param init {@code true} to treat the value as created now (rely on the getter, or on a
     *     resource created elsewhere); {@code false} to create it on the first acquire
     */
    public DogpileLock(Duration expireAfter, boolean init) {
        this(expireAfter, init, System::nanoTime);
    }

    /**
     * Creates a lock with its own time source, for tests and custom clocks.
     *
     * @param expireAfter how long a created value stays fresh; positive
     * @param init see {@link #DogpileLock(Duration, boolean)}
     * @param nanoClock a monotonic time source in nanoseconds, like {@link System#nanoTime()}
     */
    public DogpileLock(Duration expireAfter, boolean init, LongSupplier nanoClock) {
        Objects.requireNonNull(expireAfter, "expireAfter cannot be null");
        if (expireAfter.isNegative() || expireAfter.isZero()) {
            throw new IllegalArgumentException("expireAfter must be positive: " + expireAfter);
        }
        this.expireAfterNanos = expireAfter.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock cannot be null");
        this.createdAt = init ? nanoClock.getAsLong() : null;
    }

    /**
     * Runs the creator if the resource is missing or expired (see the class description).
     *
     * @param creator creates the resource
     * @return a handle to close when the block using the resource ends; its value is {@code null}
     * @throws Exception the creator's exception, unchanged, or {@link InterruptedException} when
     *     interrupted while waiting for the first creation
     */
    public Handle<Void> acquire(Creator<?> creator) throws Exception {
        Objects.requireNonNull(creator, "creator cannot be null");
        return enter(() -> {
            creator.create();
            return null;
        }, null);
    }

    /**
     * Value-function mode: returns the getter's value, or runs the creator when the getter has
     * nothing or the value expired (see the class description).
     *
     * @param creator creates the value and returns it
     * @param getter returns the current value or throws {@link NeedRegenerationException}
     * @param <V> the value type
     * @return a handle holding the value; close it when the block ends
     * @throws Exception the creator's or getter's exception, unchanged, or {@link InterruptedException}
     *     when interrupted while waiting for a creation
     */
    public <V> Handle<V> acquire(Creator<? extends V> creator, Getter<? extends V> getter) throws Exception {
        Objects.requireNonNull(creator, "creator cannot be null");
        Objects.requireNonNull(getter, "getter cannot be null");
        return enter(creator, getter);
    }

    /**
     * Whether the value is missing or older than the expiration.
     *
     * @return {@code true} when the next acquire would try to create the value
     */
    public boolean isExpired() {
        Long created = createdAt;
        return created == null || nanoClock.getAsLong() - created >= expireAfterNanos;
    }

    /**
     * Whether a value has been created (or assumed with {@code init = true}) and not discarded.
     *
     * @return {@code true} when callers would proceed without waiting
     */
    public boolean hasValue() {
        return createdAt != null;
    }

    /**
     * Called once the value is settled, before the handle is returned; subclasses take locks here.
     *
     * @return what to run when the handle closes
     */
    protected Runnable onEnter() {
        return () -> { };
    }

    private <V> Handle<V> enter(Creator<? extends V> creator, Getter<? extends V> getter) throws Exception {
        V value = null;
        boolean gotValue = getter == null;
        if (getter != null) {
            try {
                value = getter.get();
                gotValue = true;
            } catch (NeedRegenerationException gone) {
                createdAt = null; // the value is gone for everybody: the next caller must create it
            }
        }
        if (gotValue && !isExpired()) {
            return handle(value, false);
        }
        if (gotValue && hasValue()) {
            if (!creationLock.tryAcquire()) {
                return handle(value, false); // someone else is creating (maybe our own caller): keep the old value
            }
        } else {
            if (creatingThread == Thread.currentThread()) {
                throw new IllegalStateException("acquire called from inside its own creator while there is no value:"
                    + " it would wait for itself");
            }
            creationLock.acquire(); // nothing to use: wait for the creator
        }
        try {
            if (!isExpired()) { // created by another thread while we waited
                if (!gotValue) {
                    value = getter.get();
                }
                return handle(value, false);
            }
            creatingThread = Thread.currentThread();
            V created;
            try {
                created = creator.create();
            } finally {
                creatingThread = null;
            }
            createdAt = nanoClock.getAsLong();
            return handle(created, true);
        } finally {
            creationLock.release();
        }
    }

    private <V> Handle<V> handle(V value, boolean created) {
        Runnable onClose = onEnter();
        AtomicBoolean closed = new AtomicBoolean();
        return new Handle<>() {
            @Override
            public V value() {
                return value;
            }

            @Override
            public boolean created() {
                return created;
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    onClose.run();
                }
            }
        };
    }
}
