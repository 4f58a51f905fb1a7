package org.dogpile.engine;

import static java.lang.System.Logger.Level.WARNING;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dogpile.store.EntryTable;
import org.dogpile.store.StoredEntry;

/**
 * Fresh values read from a shared store, kept in this JVM so that a hit costs a map lookup instead
 * of a network hop. Why our own and not Hazelcast's near cache: a near cache's invalidations are
 * batched (seconds), lost ones are repaired only after a minute, its TTL is whole seconds, it ignores
 * the entry's own expiry, and its configuration must be in place before the member starts, which
 * an application cannot do for Payara's instance. Here a copy is dropped on the store's change event
 * (milliseconds), and never served past its own {@code localTtl} (so a late or lost event costs at
 * most that), nor past the value's freshness. Copies are the decoded values themselves, shared by
 * every caller of this JVM (treat cached values as immutable).
 *
 * <p>A copy is only written if no change event for its cache arrived since the store read it came
 * from began (a per-cache change counter), so an event can never be overtaken by the read it should
 * have cancelled. Each cache keeps at most {@code maxEntries} copies; past that, arbitrary copies
 * are dropped (they are only copies).
 */
final class LocalTier {

    private static final System.Logger LOG = System.getLogger(LocalTier.class.getName());

    /** A local copy: the entry it came from, its decoded value, and when it must be read again. */
    record Copy(StoredEntry entry, Object value, long keepUntil) { }

    /** The copies of one cache. */
    private final class Table implements EntryTable.ChangeListener {
        final ConcurrentMap<String, Copy> copies = new ConcurrentHashMap<>();
        final AtomicLong changes = new AtomicLong();

        @Override
        public void changed(String key) {
            changes.incrementAndGet();
            copies.remove(key);
        }

        @Override
        public void cleared() {
            changes.incrementAndGet();
            copies.clear();
        }
    }

    private final EntryTable entries;
    private final int maxEntries;
    private final ConcurrentMap<String, Table> tables = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> unsubscribable = new ConcurrentHashMap<>();

    LocalTier(EntryTable entries, int maxEntries) {
        this.entries = entries;
        this.maxEntries = maxEntries;
    }

    /** @return whether copies can be kept at all: the store is shared and tells about changes */
    boolean isAvailable() {
        return maxEntries > 0 && !entries.keepsReferences() && entries.publishesChanges();
    }

    Copy get(String cache, String key) {
        Table table = tables.get(cache);
        return table == null ? null : table.copies.get(key);
    }

    /**
     * The change counter to pass to {@link #put} for a store read that starts now.
     *
     * @return the cache's counter, or -1 when the cache cannot be kept locally (yet)
     */
    long changesBeforeRead(String cache) {
        Table table = tables.get(cache);
        if (table == null) {
            table = subscribe(cache);
        }
        return table == null ? -1 : table.changes.get();
    }

    void put(String cache, String key, StoredEntry entry, Object value, long keepUntil, long changesBefore) {
        Table table = tables.get(cache);
        if (table == null || changesBefore < 0) {
            return;
        }
        if (table.copies.size() >= maxEntries) {
            Iterator<String> victims = table.copies.keySet().iterator();
            for (int i = 0; i < Math.max(1, maxEntries / 10) && victims.hasNext(); i++) {
                victims.next();
                victims.remove();
            }
        }
        Copy copy = new Copy(entry, value, keepUntil);
        table.copies.put(key, copy);
        if (table.changes.get() != changesBefore) {
            table.copies.remove(key, copy); // an event arrived while we read: our copy may be what it cancelled
        }
    }

    void drop(String cache, String key) {
        Table table = tables.get(cache);
        if (table != null) {
            table.changed(key);
        }
    }

    void dropAll(String cache) {
        Table table = tables.get(cache);
        if (table != null) {
            table.cleared();
        }
    }

    private Table subscribe(String cache) {
        if (!isAvailable() || unsubscribable.containsKey(cache)) {
            return null;
        }
        synchronized (tables) {
            Table table = tables.get(cache);
            if (table != null) {
                return table;
            }
            Table created = new Table();
            try {
                entries.subscribe(cache, created);
            } catch (RuntimeException failure) {
                LOG.log(WARNING, () -> "dogpile: cannot hear about changes of cache '" + cache
                    + "'; its hits go to the store", failure);
                unsubscribable.put(cache, Boolean.TRUE);
                return null;
            }
            tables.put(cache, created);
            return created;
        }
    }
}
