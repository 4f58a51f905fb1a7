package org.dogpile.codec.gadget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/** Hostile values made of JDK classes only. */
public final class Bombs {
    private Bombs() {
    }

    /**
     * Nested {@code HashSet}s sharing their children: a few KB whose deserialization computes
     * {@code hashCode} about 2^levels times.
     *
     * @param levels nesting depth
     * @return the root set
     */
    public static Set<Object> hashSetBomb(int levels) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < levels; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /**
     * Plain Java serialization, as an attacker writes it.
     *
     * @param value anything serializable
     * @return its bytes
     */
    public static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
