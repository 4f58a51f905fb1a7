package org.dogpile.codec;

/**
 * Turns cached values into bytes and back, for stores that keep entries outside this JVM's heap
 * (Hazelcast, JCache). The library owns this step, so that nothing read from a shared store is
 * decoded by a mechanism the library does not control.
 *
 * <p>A codec never runs code because of what the bytes say: {@link #decode} either returns a value
 * of the types the codec admits or throws {@link ValueDecodingException}, which the engine treats as
 * "no entry" (the value is regenerated). Implementations are immutable and thread-safe.
 */
public interface ValueCodec {

    /**
     * A short, stable name stored with every entry, so that an entry written by another codec is
     * recognised (and treated as absent) instead of misread.
     *
     * @return the codec's name, at most 32 ASCII characters
     */
    String id();

    /**
     * Encodes a value.
     *
     * @param value the value to store; never {@code null} (the engine stores {@code null} as a marker)
     * @return the encoded value
     * @throws ValueEncodingException when the value cannot be encoded; the message names its type
     */
    byte[] encode(Object value);

    /**
     * Decodes a value that {@link #encode} produced, possibly in another JVM.
     *
     * @param bytes the encoded value
     * @return the value
     * @throws ValueDecodingException when the bytes are not a value this codec admits
     */
    Object decode(byte[] bytes);
}
