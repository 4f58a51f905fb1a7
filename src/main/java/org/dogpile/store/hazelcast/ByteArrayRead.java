package org.dogpile.store.hazelcast;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.impl.CachedQueryEntry;
import java.util.Map;

/**
 * Reads a cache-map entry on its owner and returns it only when it is a byte array, without
 * deserializing anything else: a value a stranger wrote as a Java-serialized object (a gadget) is
 * never turned into an object, on any instance, whatever its serialization filter. A plain
 * {@code IMap.get} deserializes whatever is stored before the library sees it.
 *
 * <pre>{@code
 * byte[] stored = map.submitToKey(key, ByteArrayRead.INSTANCE).toCompletableFuture().get(...);
 * }</pre>
 * Returns {@code null} when there is no entry and an empty array (which {@code EntryFormat} reads
 * as unreadable) when the stored value is not a byte array. Relies on the entry the member hands
 * to a processor keeping the serialized value ({@code CachedQueryEntry}, Hazelcast 5.3 to 5.7) and
 * on the map's default {@code BINARY} in-memory format: with {@code OBJECT} format the owner
 * deserializes values when they are written. The class is sent to the key's owner by Java
 * serialization: a member with a Java serialization filter must admit it
 * ({@code org.dogpile.store.} is on the allow-list of {@link EmbeddedMember#serializationFilter()}).
 */
public final class ByteArrayRead implements EntryProcessor<String, Object, byte[]>, ReadOnly {
    private static final long serialVersionUID = 1L;
    private static final byte[] NOT_BYTES = new byte[0];

    /** The processor; stateless. */
    public static final ByteArrayRead INSTANCE = new ByteArrayRead();

    private ByteArrayRead() {
    }

    /**
     * @param entry the entry on its owner
     * @return the stored bytes, {@code null} when absent, an empty array when the value is not bytes
     */
    @Override
    public byte[] process(Map.Entry<String, Object> entry) {
        if (!(entry instanceof CachedQueryEntry<?, ?> queryEntry)) {
            return NOT_BYTES;
        }
        Data data = queryEntry.getValueData();
        if (data == null) {
            return null;
        }
        if (data.getType() != SerializationConstants.CONSTANT_TYPE_BYTE_ARRAY) {
            return NOT_BYTES;
        }
        Object value = entry.getValue();
        return value instanceof byte[] bytes ? bytes : NOT_BYTES;
    }

    /**
     * @return {@code null}: a read-only processor has no backup
     */
    @Override
    public EntryProcessor<String, Object, byte[]> getBackupProcessor() {
        return null;
    }

    /** @return the shared instance, also on the member that received this processor */
    private Object readResolve() {
        return INSTANCE;
    }
}
