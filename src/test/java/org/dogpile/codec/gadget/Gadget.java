package org.dogpile.codec.gadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/** A class whose deserialization has a side effect, as a gadget chain's entry point would. */
public final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How often {@link #readObject} ran in this JVM. */
    public static final AtomicInteger EXECUTED = new AtomicInteger();
    /** A marker written by the attacker. */
    public final String command;

    /**
     * @param command a marker
     */
    public Gadget(String command) {
        this.command = command;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        EXECUTED.incrementAndGet();
    }
}
