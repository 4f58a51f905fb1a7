package org.dogpile.lock;

import java.time.Duration;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * A {@link DogpileLock} that also gives the creator a write lock against the readers: every acquire
 * holds a read lock until its handle is closed, and {@link #acquireWriteLock()} waits until the
 * readers still inside their blocks have left and keeps new readers out while held.
 *
 * <pre>{@code
 * SyncReaderDogpileLock lock = new SyncReaderDogpileLock(Duration.ofHours(1));
 * Creator<Void> creator = () -> {
 *     Path next = createExpensiveDatafile();
 *     try (var write = lock.acquireWriteLock()) {
 *         replaceOldDatafileWith(next);      // no reader is using the old file now
 *     }
 *     return null;
 * };
 * try (var handle = lock.acquire(creator)) {
 *     readTheDatafile();
 * }
 * }</pre>
 *
 * <p>The read lock is taken after the value is settled, so a creator may take the write lock
 * without deadlocking on its own read lock. A handle must be closed by the thread that acquired it.
 */
public class SyncReaderDogpileLock extends DogpileLock {

    /** A held write lock; closing it releases the lock. */
    public interface WriteLock extends AutoCloseable {
        /** Releases the write lock. */
        @Override
        void close();
    }

    private final ReadWriteLock readWriteLock = new ReentrantReadWriteLock();

    /**
     * Creates a lock whose first acquire runs the creator.
     *
     * @param expireAfter how long a created value stays fresh; positive
     */
    public SyncReaderDogpileLock(Duration expireAfter) {
        super(expireAfter);
    }

    /**
     * Creates a lock; see {@link DogpileLock#DogpileLock(Duration, boolean)}.
     *
     * @param expireAfter how long a created value stays fresh; positive
     * @param init {@code true} to treat the value as created now
     */
    public SyncReaderDogpileLock(Duration expireAfter, boolean init) {
        super(expireAfter, init);
    }

    /**
     * Creates a lock with its own time source; see {@link DogpileLock#DogpileLock(Duration, boolean, LongSupplier)}.
     *
     * @param expireAfter how long a created value stays fresh; positive
     * @param init {@code true} to treat the value as created now
     * @param nanoClock a monotonic time source in nanoseconds
     */
    public SyncReaderDogpileLock(Duration expireAfter, boolean init, LongSupplier nanoClock) {
        super(expireAfter, init, nanoClock);
    }

    /**
     * Takes the write lock, waiting until every reader inside an acquire block has left.
     *
     * @return the held lock; close it to release
     */
    public WriteLock acquireWriteLock() {
        readWriteLock.writeLock().lock();
        return () -> readWriteLock.writeLock().unlock();
    }

    @Override
    protected Runnable onEnter() {
        readWriteLock.readLock().lock();
        return () -> readWriteLock.readLock().unlock();
    }
}
