package org.dogpile.codec;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Jakarta JSON Binding for values that are not {@code Serializable} (records, plain classes),
 * bound to the declared return type of the cached method: decoding builds only the types that
 * declared type names (JSON carries no class names), so stored bytes cannot make it instantiate
 * anything else.
 *
 * <p>Needs a JSON-B implementation at run time (every Jakarta EE 10 server has one; Yasson in Java
 * SE). Values must be mappable by JSON-B: public records or classes with a no-argument constructor
 * and public accessors or fields. Values longer than {@code maxBytes} are refused. Instances are
 * thread-safe.
 */
public final class JsonbCodec implements ValueCodec {

    /** The {@link #id()} of this codec. */
    public static final String ID = "jsonb";

    private final Jsonb jsonb;
    private final Type type;
    private final long maxBytes;

    /**
     * @param jsonb the JSON-B instance to use (thread-safe; shared by every codec of a deployment)
     * @param type the declared type of the values, for example {@code List<Price>}
     * @param maxBytes the longest encoded value to decode
     */
    public JsonbCodec(Jsonb jsonb, Type type, long maxBytes) {
        this.jsonb = Objects.requireNonNull(jsonb, "jsonb cannot be null");
        this.type = Objects.requireNonNull(type, "type cannot be null");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * A codec with its own JSON-B instance and the default size limit,
     * {@link JavaSerializationCodec.Limits#DEFAULT}{@code .maxBytes()}.
     *
     * @param type the declared type of the values
     * @return the codec
     * @throws JsonbException if no JSON-B implementation is available
     */
    public static JsonbCodec forType(Type type) {
        return new JsonbCodec(JsonbBuilder.create(), type, JavaSerializationCodec.Limits.DEFAULT.maxBytes());
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * @return the declared type values are bound to
     */
    public Type type() {
        return type;
    }

    /**
     * Writes the value as JSON (UTF-8) for the declared type.
     *
     * @throws ValueEncodingException when JSON-B cannot map the value
     */
    @Override
    public byte[] encode(Object value) {
        Objects.requireNonNull(value, "value cannot be null");
        try {
            return jsonb.toJson(value, type).getBytes(StandardCharsets.UTF_8);
        } catch (JsonbException | IllegalArgumentException e) {
            throw new ValueEncodingException("cannot store a value of type " + value.getClass().getName()
                + " as JSON for " + type.getTypeName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads JSON into the declared type.
     *
     * @throws ValueDecodingException when the bytes are too long, not JSON of the declared type, or
     *     {@code null}
     */
    @Override
    public Object decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes cannot be null");
        if (bytes.length > maxBytes) {
            throw new ValueDecodingException("refused a stored value: it is " + bytes.length
                + " bytes long, over the limit of " + maxBytes, null);
        }
        Object value;
        try {
            value = jsonb.fromJson(new String(bytes, StandardCharsets.UTF_8), type);
        } catch (JsonbException | IllegalArgumentException | ClassCastException | StackOverflowError e) {
            throw new ValueDecodingException("refused a stored value: it is not JSON of " + type.getTypeName()
                + " (" + e.getClass().getName() + ")", e);
        }
        if (value == null) {
            throw new ValueDecodingException("refused a stored value: it decodes to nothing", null);
        }
        return value;
    }

    @Override
    public String toString() {
        return "JsonbCodec[" + type.getTypeName() + "]";
    }
}
