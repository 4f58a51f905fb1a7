package org.dogpile.codec;

/**
 * Stored bytes were not a value the codec admits: corrupt, written by another codec or version, or
 * holding a type the codec's filter refuses. The engine treats the entry as absent.
 */
public class ValueDecodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why the bytes were refused (never the bytes themselves)
     * @param cause the codec's own failure, or {@code null}
     */
    public ValueDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
