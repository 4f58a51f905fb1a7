package org.dogpile.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Objects;

/**
 * Java serialization decoded under the codec's own {@link ObjectInputFilter}, which must be an
 * allow-list ending in reject-all. {@link #defaults()} admits the JDK's value and collection types.
 */
public final class JavaSerializationCodec implements ValueCodec {

    /** The filter of {@link #defaults()}: JDK value and collection types, with size limits. */
    public static final String JDK_TYPES = "maxdepth=20;maxrefs=100000;maxbytes=16777216;maxarray=1000000;"
        + "java.lang.*;java.util.*;java.time.*;java.math.*;!*";

    private static final JavaSerializationCodec DEFAULTS = new JavaSerializationCodec(
        ObjectInputFilter.Config.createFilter(JDK_TYPES));

    private final ObjectInputFilter filter;

    /**
     * @param filter the filter every decoded stream runs under; an allow-list ending in reject-all
     */
    public JavaSerializationCodec(ObjectInputFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter cannot be null");
    }

    /** @return a codec admitting the JDK's value and collection types only ({@link #JDK_TYPES}) */
    public static JavaSerializationCodec defaults() {
        return DEFAULTS;
    }

    @Override
    public String id() {
        return "java";
    }

    @Override
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new ValueEncodingException("cannot encode a value of type " + value.getClass().getName()
                + " with Java serialization (cached values must be java.io.Serializable): " + e, e);
        }
        byte[] encoded = bytes.toByteArray();
        try {
            decode(encoded);
        } catch (ValueDecodingException refused) {
            throw new ValueEncodingException("a value of type " + value.getClass().getName()
                + " would not be read back: the codec's filter refuses it; allow its classes", refused);
        }
        return encoded;
    }

    @Override
    public Object decode(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException refused) {
            throw new ValueDecodingException("refused by the codec's filter: " + refused.getMessage(), refused);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ValueDecodingException("not a value this codec reads: " + e, e);
        }
    }
}
