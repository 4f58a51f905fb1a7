package org.dogpile.store;

import java.util.Objects;

/**
 * A cached value as {@code DogpileEngine.peek} shows it: the decoded value with the facts that decide
 * whether it is fresh: when it was created (on the store's clock), how long it stays fresh, and
 * whether it was softly invalidated. Immutable.
 *
 * <p>The value may be {@code null}: an entry holding {@code null} is the marker for a cached
 * {@code null} result, distinct from "no entry".
 */
public final class CacheEntry {

    private final Object value;
    private final long createdAt;
    private final long expireAfterMillis;
    private final boolean invalidated;

    /**
     * Creates an entry.
     *
     * @param value the cached value, {@code null} for a cached {@code null}
     * @param createdAt when the value was created, in milliseconds on the store's clock
     * @param expireAfterMillis how long the value stays fresh; positive
     * @param invalidated {@code true} when softly invalidated: stale whatever its age
     */
    public CacheEntry(Object value, long createdAt, long expireAfterMillis, boolean invalidated) {
        if (expireAfterMillis <= 0) {
            throw new IllegalArgumentException("expireAfterMillis must be positive: " + expireAfterMillis);
        }
        this.value = value;
        this.createdAt = createdAt;
        this.expireAfterMillis = expireAfterMillis;
        this.invalidated = invalidated;
    }

    /** @return the cached value; {@code null} for a cached {@code null} */
    public Object value() {
        return value;
    }

    /** @return when the value was created, in milliseconds on the store's clock */
    public long createdAt() {
        return createdAt;
    }

    /** @return how long the value stays fresh, in milliseconds */
    public long expireAfterMillis() {
        return expireAfterMillis;
    }

    /** @return {@code true} when the entry was softly invalidated */
    public boolean invalidated() {
        return invalidated;
    }

    /** @return the first instant (store clock, ms) at which the value is stale by age */
    public long expiresAt() {
        return createdAt + expireAfterMillis;
    }

    /**
     * Whether the value is fresh at the given time.
     *
     * @param now the store's current time in milliseconds
     * @return {@code true} when not invalidated and younger than its expiration
     */
    public boolean isFreshAt(long now) {
        return !invalidated && now < expiresAt();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheEntry that
            && createdAt == that.createdAt
            && expireAfterMillis == that.expireAfterMillis
            && invalidated == that.invalidated
            && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, createdAt, expireAfterMillis, invalidated);
    }

    @Override
    public String toString() {
        return "CacheEntry[createdAt=" + createdAt + ", expireAfterMillis=" + expireAfterMillis
            + ", invalidated=" + invalidated + ", value=" + value + "]";
    }
}
