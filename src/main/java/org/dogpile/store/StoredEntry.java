package org.dogpile.store;

import java.util.Objects;

/**
 * One entry as a store keeps it: the value (or a marker) with the facts the engine's rules need.
 * Immutable. Stores never interpret an entry: they keep it, hand it back, and compare it in
 * conditional writes by its {@link #stamp()}, which is unique per write.
 *
 * <p>Kinds of entry:
 * <ul>
 * <li>a <b>value</b>: the cached value (or {@code null}, the marker of a cached {@code null}),
 *     {@link #createdAt()} on the store's clock, {@link #expireAfterMillis()}, and
 *     {@link #removeAt()}, when it is too old to be served even stale (the hard TTL);</li>
 * <li>a <b>pending</b> marker: written by a regeneration of a key that had no value, so that an
 *     invalidation that removes it is noticed when the regeneration writes its result;</li>
 * <li>an <b>unreadable</b> entry: what a store found but could not decode (another format version,
 *     corrupt bytes); the engine treats it as absent and overwrites it.</li>
 * </ul>
 *
 * <p>A value entry's {@link #value()} is what the engine handed in: the value itself for stores that
 * keep references ({@link EntryTable#keepsReferences()}), else the bytes a value codec produced,
 * with that codec's {@link #codecId()}.
 */
public final class StoredEntry {

    private static final int INVALIDATED = 1;
    private static final int PENDING = 2;
    private static final int UNREADABLE = 4;

    private final long stamp;
    private final int flags;
    private final long createdAt;
    private final long expireAfterMillis;
    private final long removeAt;
    private final long computeMillis;
    private final String codecId;
    private final Object value;
    private final Object raw;

    private StoredEntry(long stamp, int flags, long createdAt, long expireAfterMillis, long removeAt,
            long computeMillis, String codecId, Object value, Object raw) {
        this.stamp = stamp;
        this.flags = flags;
        this.createdAt = createdAt;
        this.expireAfterMillis = expireAfterMillis;
        this.removeAt = removeAt;
        this.computeMillis = computeMillis;
        this.codecId = Objects.requireNonNull(codecId, "codecId cannot be null");
        this.value = value;
        this.raw = raw;
    }

    /**
     * A value entry.
     *
     * @param stamp unique per write
     * @param createdAt when the value was created, store clock, milliseconds
     * @param expireAfterMillis how long it is fresh; positive
     * @param removeAt when it may no longer be served at all, store clock, milliseconds
     * @param codecId the codec that encoded {@code value}, or {@code ""} when it is the value itself
     * @param value the value, its encoded bytes, or {@code null} for a cached {@code null}
     * @return the entry
     */
    public static StoredEntry value(long stamp, long createdAt, long expireAfterMillis, long removeAt,
            String codecId, Object value) {
        return value(stamp, createdAt, expireAfterMillis, removeAt, 0, codecId, value);
    }

    /**
     * A value entry that records how long computing it took (for early refresh).
     *
     * @param stamp unique per write
     * @param createdAt when the value was created, store clock, milliseconds
     * @param expireAfterMillis how long it is fresh; positive
     * @param removeAt when it may no longer be served at all, store clock, milliseconds
     * @param computeMillis how long computing the value took, milliseconds
     * @param codecId the codec that encoded {@code value}, or {@code ""} when it is the value itself
     * @param value the value, its encoded bytes, or {@code null} for a cached {@code null}
     * @return the entry
     */
    public static StoredEntry value(long stamp, long createdAt, long expireAfterMillis, long removeAt,
            long computeMillis, String codecId, Object value) {
        if (expireAfterMillis <= 0) {
            throw new IllegalArgumentException("expireAfterMillis must be positive: " + expireAfterMillis);
        }
        return new StoredEntry(stamp, 0, createdAt, expireAfterMillis, removeAt, Math.max(0, computeMillis), codecId,
            value, null);
    }

    /**
     * A pending marker.
     *
     * @param stamp unique per write
     * @param createdAt when the regeneration started, store clock, milliseconds
     * @return the marker
     */
    public static StoredEntry pending(long stamp, long createdAt) {
        return new StoredEntry(stamp, PENDING, createdAt, 1, createdAt, 0, "", null, null);
    }

    /**
     * What a store found but could not decode.
     *
     * @param raw the stored form, handed back to the store when the engine overwrites or removes it
     * @return the entry
     */
    public static StoredEntry unreadable(Object raw) {
        return new StoredEntry(0, UNREADABLE, 0, 1, 0, 0, "", null, Objects.requireNonNull(raw, "raw cannot be null"));
    }

    /**
     * Rebuilds an entry from its parts, for stores that encode entries.
     *
     * @param stamp the stamp
     * @param flags the flags as {@link #flags()} returned them
     * @param createdAt when created
     * @param expireAfterMillis how long fresh
     * @param removeAt end of the hard TTL
     * @param computeMillis how long computing the value took
     * @param codecId the codec id
     * @param value the value or its bytes
     * @param raw the stored form it was read from, or {@code null}
     * @return the entry
     */
    public static StoredEntry of(long stamp, int flags, long createdAt, long expireAfterMillis, long removeAt,
            long computeMillis, String codecId, Object value, Object raw) {
        if ((flags & ~(INVALIDATED | PENDING)) != 0 || expireAfterMillis <= 0 || computeMillis < 0) {
            throw new IllegalArgumentException("not an entry: flags " + flags + ", expireAfterMillis " + expireAfterMillis
                + ", computeMillis " + computeMillis);
        }
        return new StoredEntry(stamp, flags, createdAt, expireAfterMillis, removeAt, computeMillis, codecId, value, raw);
    }

    /** @return unique per write; conditional writes compare entries by it */
    public long stamp() {
        return stamp;
    }

    /** @return the flags (invalidated 1, pending 2), for stores that encode entries */
    public int flags() {
        return flags & ~UNREADABLE;
    }

    /** @return when the value was created, store clock, milliseconds */
    public long createdAt() {
        return createdAt;
    }

    /** @return how long the value is fresh, milliseconds */
    public long expireAfterMillis() {
        return expireAfterMillis;
    }

    /** @return when the entry may no longer be served, store clock, milliseconds */
    public long removeAt() {
        return removeAt;
    }

    /** @return how long computing the value took, milliseconds (0 when unknown) */
    public long computeMillis() {
        return computeMillis;
    }

    /** @return the codec that encoded {@link #value()}, or {@code ""} when it is the value itself */
    public String codecId() {
        return codecId;
    }

    /** @return the value, its encoded bytes, or {@code null} */
    public Object value() {
        return value;
    }

    /** @return the stored form this entry was read from, or {@code null}; for the store that read it */
    public Object raw() {
        return raw;
    }

    /** @return {@code true} for a softly invalidated value */
    public boolean isInvalidated() {
        return (flags & INVALIDATED) != 0;
    }

    /** @return {@code true} for a pending marker */
    public boolean isPending() {
        return (flags & PENDING) != 0;
    }

    /** @return {@code true} for an entry the store could not decode */
    public boolean isUnreadable() {
        return (flags & UNREADABLE) != 0;
    }

    /** @return {@code true} for a value entry (fresh or not) */
    public boolean isValue() {
        return (flags & (PENDING | UNREADABLE)) == 0;
    }

    /**
     * This value entry marked stale, under a new stamp.
     *
     * @param newStamp the new stamp
     * @return the invalidated copy
     */
    public StoredEntry invalidated(long newStamp) {
        return new StoredEntry(newStamp, flags | INVALIDATED, createdAt, expireAfterMillis, removeAt, computeMillis, codecId,
            value, null);
    }

    /**
     * Whether {@code other} is the very entry this one is (same write): for stores whose conditional
     * writes compare entries.
     *
     * @param other another entry
     * @return {@code true} when both come from the same write
     */
    public boolean sameWriteAs(StoredEntry other) {
        if (other == this) {
            return true;
        }
        if (other == null || isUnreadable() || other.isUnreadable()) {
            return false;
        }
        return stamp == other.stamp && flags == other.flags && createdAt == other.createdAt;
    }

    @Override
    public String toString() {
        String kind = isUnreadable() ? "unreadable" : isPending() ? "pending" : isInvalidated() ? "invalidated" : "value";
        return "StoredEntry[" + kind + ", stamp=" + Long.toHexString(stamp) + ", createdAt=" + createdAt
            + ", expireAfterMillis=" + expireAfterMillis + ", removeAt=" + removeAt + ", codec=" + codecId + "]";
    }
}
