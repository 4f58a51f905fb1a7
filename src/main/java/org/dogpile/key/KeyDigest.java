package org.dogpile.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Short, stable stand-ins for keys in log lines and messages, so that argument values (user ids,
 * e-mail addresses) do not end up in logs. The same key gives the same digest in every JVM.
 *
 * <p>Set the system property {@value #LOG_KEYS_PROPERTY} to {@code true} to log full keys while
 * debugging.
 */
public final class KeyDigest {

    /** The system property that makes {@link #forLog} return full keys. */
    public static final String LOG_KEYS_PROPERTY = "dogpile.log.keys";

    private KeyDigest() {
    }

    /**
     * A short digest of a key: {@code #} and the first 12 hex digits of its SHA-256.
     *
     * @param key the key
     * @return the digest
     */
    public static String of(String key) {
        return "#" + HexFormat.of().formatHex(sha256(key), 0, 6);
    }

    /**
     * The key as log lines show it: its {@linkplain #of digest}, or the full key when
     * {@value #LOG_KEYS_PROPERTY} is {@code true}.
     *
     * @param key the key
     * @return what to log
     */
    public static String forLog(String key) {
        return Boolean.getBoolean(LOG_KEYS_PROPERTY) ? "'" + key + "'" : of(key);
    }

    /**
     * The SHA-256 of a key's UTF-8 bytes.
     *
     * @param key the key
     * @return 32 bytes
     */
    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
