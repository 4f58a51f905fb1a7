package org.dogpile.codec.values;

import java.io.Serializable;

/** Serializable, in an admitted package, but used as a holder for refused content. */
public final class Unlisted implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Anything. */
    public final Object payload;

    /**
     * @param payload anything
     */
    public Unlisted(Object payload) {
        this.payload = payload;
    }
}
