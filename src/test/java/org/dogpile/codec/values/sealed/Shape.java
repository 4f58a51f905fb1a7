package org.dogpile.codec.values.sealed;

import java.io.Serializable;
import org.dogpile.codec.values.detail.Note;

/** A sealed type whose permitted subclass refers to a class in another package. */
public sealed interface Shape extends Serializable {

    /**
     * A permitted subclass.
     *
     * @param radius radius
     * @param note a note from another package
     */
    record Circle(double radius, Note note) implements Shape {
    }
}
