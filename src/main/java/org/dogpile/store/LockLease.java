package org.dogpile.store;

import java.util.Objects;

/**
 * Proof that a caller holds the regeneration lock of one key until {@link #expiresAt()}.
 *
 * <p>A lease is not owned by a thread: the token identifies the owner, so a lease taken on one
 * thread may be released on another (background regeneration, asynchronous methods). Release is
 * owner-checked: it frees the lock only while the stored token is still this lease's token.
 *
 * @param cache the cache name
 * @param key the key within the cache
 * @param token a unique owner token
 * @param expiresAt when the lease runs out, in milliseconds on the store's clock
 */
public record LockLease(String cache, String key, String token, long expiresAt) {

    /** Checks the components. */
    public LockLease {
        Objects.requireNonNull(cache, "cache cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(token, "token cannot be null");
    }

    /**
     * The lease as the single string a lock table stores: token and expiry, compared by value.
     *
     * @return {@code token + "@" + expiresAt}
     */
    public String encoded() {
        return token + "@" + expiresAt;
    }

    /**
     * The expiry time inside an {@link #encoded()} lease.
     *
     * @param encoded a value written by {@link #encoded()}
     * @return the expiry in milliseconds on the store's clock
     */
    public static long expiresAtOf(String encoded) {
        return Long.parseLong(encoded.substring(encoded.lastIndexOf('@') + 1));
    }
}
