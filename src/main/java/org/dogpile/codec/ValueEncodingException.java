package org.dogpile.codec;

/** A value could not be encoded for storage; the message names its type. */
public class ValueEncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be encoded, naming the value's type
     * @param cause the codec's own failure, or {@code null}
     */
    public ValueEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
