/**
 * Value codecs: how cached values become the bytes a shared store holds, and back, without letting
 * those bytes run code.
 *
 * <p>{@link org.dogpile.codec.JavaSerializationCodec} decodes under its own deserialization filter,
 * an {@link org.dogpile.codec.AllowList} built from the cached methods' return types
 * ({@link org.dogpile.codec.AllowList#forTypes}) plus configured entries, within limits, refusing
 * everything else. {@link org.dogpile.codec.JsonbCodec} binds JSON to the declared return type, for
 * values that are not {@code Serializable}. Plain Java; JSON-B is needed only for the JSON codec.
 */
package org.dogpile.codec;
