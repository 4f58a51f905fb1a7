package org.dogpile.key;

/** A method whose key parameters cannot be encoded stably. */
public class KeyEncodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message names class, method and parameter */
    public KeyEncodingException(String message) {
        super(message);
    }
}
