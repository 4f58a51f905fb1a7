package org.dogpile.key;

import java.util.HexFormat;

/**
 * The stored form of a key: a format version, then the canonical encoding of the arguments
 * ({@link KeyEncoder}) while it is at most {@value #MAX_LENGTH} characters long in total, otherwise
 * a readable prefix of it and the SHA-256 of all of it.
 *
 * <pre>
 * key    = "1:" canonical                              canonical form, when the whole key fits
 *        | "1h:" prefix "~" sha256                     longer keys: the first {@value #PREFIX_LENGTH}
 *                                                      characters, then 64 lowercase hex digits
 * </pre>
 * The version comes first so that a future encoding ({@code "2:"}) never meets today's keys, and
 * the two forms have different markers, so a hashed key never equals a plain one. The hash covers
 * the full canonical key (UTF-8), so it is equal in every JVM for equal arguments and differs for
 * different ones (barring a SHA-256 collision). A key is never longer than {@value #MAX_LENGTH}
 * characters (memcached's limit is 250 bytes, for comparison), so it can be repeated in lock
 * entries and messages at no risk.
 */
public final class KeyFormat {

    /** The longest key; longer canonical forms are hashed. */
    public static final int MAX_LENGTH = 250;
    /** How many characters of the canonical form a hashed key keeps, for readability. */
    public static final int PREFIX_LENGTH = 160;
    /** The start of every key in this format. */
    public static final String PLAIN = "1:";
    /** The start of every hashed key in this format. */
    public static final String HASHED = "1h:";

    private KeyFormat() {
    }

    /**
     * Turns a canonical encoding into the stored key.
     *
     * @param canonical the canonical encoding of the key arguments ({@code ""} for none)
     * @return the key, at most {@value #MAX_LENGTH} characters
     */
    public static String of(CharSequence canonical) {
        if (PLAIN.length() + canonical.length() <= MAX_LENGTH) {
            return PLAIN + canonical;
        }
        String full = canonical.toString();
        int cut = PREFIX_LENGTH;
        if (Character.isHighSurrogate(full.charAt(cut - 1))) {
            cut--; // keep the prefix valid Unicode
        }
        return HASHED + full.substring(0, cut) + "~" + HexFormat.of().formatHex(KeyDigest.sha256(full));
    }
}
