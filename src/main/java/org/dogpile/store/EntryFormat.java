package org.dogpile.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of a {@link StoredEntry} in stores outside this JVM's heap (Hazelcast, JCache).
 * The library reads and writes it itself, so the data grid only ever sees a byte array: nothing a
 * stranger writes into a cache map is deserialized by Java serialization on the way in.
 *
 * <pre>
 * byte   'D'            magic
 * byte   2              format version (a member of another version treats the entry as unreadable)
 * byte   flags          1 invalidated, 2 pending
 * long   stamp, createdAt, expireAfterMillis, removeAt, computeMillis
 * short  codec id length, then its ASCII bytes (at most {@value #MAX_CODEC_ID})
 * int    value length (-1 for a cached null), then the value's bytes as its codec encoded them
 * </pre>
 * Anything else (another magic or version, trailing or missing bytes, a value that is not a byte
 * array) reads as {@linkplain StoredEntry#unreadable unreadable}: treated as absent, overwritten by
 * the next regeneration. The encoding is deterministic: the same entry always gives the same bytes,
 * which is what conditional writes that compare stored forms rely on.
 */
public final class EntryFormat {

    /** The format version written by this library. */
    public static final int VERSION = 2;
    /** The longest codec id. */
    public static final int MAX_CODEC_ID = 32;

    private static final int MAGIC = 'D';
    private static final int HEADER_BYTES = 3 + 5 * Long.BYTES + Short.BYTES + Integer.BYTES;

    private EntryFormat() {
    }

    /**
     * Encodes an entry whose value is {@code null} or a byte array.
     *
     * @param entry the entry; not an unreadable one
     * @return its bytes
     * @throws IllegalArgumentException when the value is neither {@code null} nor bytes, or the entry
     *     is unreadable
     */
    public static byte[] encode(StoredEntry entry) {
        if (entry.isUnreadable()) {
            throw new IllegalArgumentException("an unreadable entry cannot be written back");
        }
        Object value = entry.value();
        if (value != null && !(value instanceof byte[])) {
            throw new IllegalArgumentException("an encoded entry holds bytes, not a " + value.getClass().getName());
        }
        byte[] bytes = (byte[]) value;
        byte[] codec = entry.codecId().getBytes(StandardCharsets.US_ASCII);
        if (codec.length > MAX_CODEC_ID) {
            throw new IllegalArgumentException("codec id longer than " + MAX_CODEC_ID + ": " + entry.codecId());
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(HEADER_BYTES + codec.length
            + (bytes == null ? 0 : bytes.length));
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(entry.flags());
            out.writeLong(entry.stamp());
            out.writeLong(entry.createdAt());
            out.writeLong(entry.expireAfterMillis());
            out.writeLong(entry.removeAt());
            out.writeLong(entry.computeMillis());
            out.writeShort(codec.length);
            out.write(codec);
            out.writeInt(bytes == null ? -1 : bytes.length);
            if (bytes != null) {
                out.write(bytes);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return buffer.toByteArray();
    }

    /**
     * Decodes what {@link #encode} wrote; anything else reads as unreadable.
     *
     * @param stored the stored bytes, or {@code null}
     * @return the entry with {@code stored} as its {@linkplain StoredEntry#raw() raw} form, an
     *     unreadable entry, or {@code null} when {@code stored} is {@code null}
     */
    public static StoredEntry decode(Object stored) {
        if (stored == null) {
            return null;
        }
        if (!(stored instanceof byte[] raw) || raw.length < HEADER_BYTES || raw[0] != MAGIC || raw[1] != VERSION) {
            return StoredEntry.unreadable(stored);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw, 2, raw.length - 2))) {
            int flags = in.readUnsignedByte();
            long stamp = in.readLong();
            long createdAt = in.readLong();
            long expireAfterMillis = in.readLong();
            long removeAt = in.readLong();
            long computeMillis = in.readLong();
            int codecLength = in.readUnsignedShort();
            if (codecLength > MAX_CODEC_ID) {
                return StoredEntry.unreadable(stored);
            }
            String codec = new String(in.readNBytes(codecLength), StandardCharsets.US_ASCII);
            int valueLength = in.readInt();
            if (valueLength < -1 || valueLength > in.available()) {
                return StoredEntry.unreadable(stored);
            }
            byte[] value = valueLength < 0 ? null : in.readNBytes(valueLength);
            if (in.available() != 0) {
                return StoredEntry.unreadable(stored);
            }
            return StoredEntry.of(stamp, flags, createdAt, expireAfterMillis, removeAt, computeMillis, codec, value, stored);
        } catch (IOException | IllegalArgumentException malformed) {
            return StoredEntry.unreadable(stored);
        }
    }

    /**
     * The stored form to compare against in a conditional write: the bytes the entry was read from,
     * or its encoding.
     *
     * @param entry an entry read from the store
     * @return its stored form
     */
    public static Object storedForm(StoredEntry entry) {
        return entry.raw() != null ? entry.raw() : encode(entry);
    }
}
