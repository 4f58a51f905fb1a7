package org.dogpile.store.hazelcast;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.impl.DataAwareEntryEvent;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import com.hazelcast.projection.Projection;
import com.hazelcast.query.impl.CachedQueryEntry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The member-side operations, besides {@link ByteArrayRead}, that let the library work on its maps
 * without deserializing what a stranger may have written there (a Java-serialized gadget runs its
 * code when it is turned into an object, on an instance without a serialization filter): each looks
 * at the serialized type first and builds only strings and byte arrays. They rely on the same
 * Hazelcast internals as {@link ByteArrayRead} ({@code CachedQueryEntry}, Hazelcast 5.3 to 5.7) and
 * are sent to the members the same way ({@code DataSerializable}: Hazelcast's own format, read
 * without Java serialization), so they run where it runs.
 */
final class GridForms {

    /** What {@link StringRead} returns for a value that is not a string: no lock of ours. */
    static final String FOREIGN = "\u0000foreign";

    private GridForms() {
    }

    /** @return whether the serialized form holds a string */
    static boolean isString(Data data) {
        return data != null && data.getType() == SerializationConstants.CONSTANT_TYPE_STRING;
    }

    /**
     * The key of an entry event when it is a string, without deserializing any other key (a
     * stranger's key in a cache map reaches every member's listener).
     *
     * @return the key, or {@code null} for a key that is not a string
     */
    static String keyOf(com.hazelcast.core.EntryEvent<String, ?> event) {
        if (event instanceof DataAwareEntryEvent<String, ?> aware && !isString(aware.getKeyData())) {
            return null;
        }
        return event.getKey();
    }

    /**
     * Reads a lock-map value on its owner: the string, {@code null} when absent, {@link #FOREIGN}
     * when something else is stored there.
     */
    static final class StringRead implements EntryProcessor<String, Object, String>, ReadOnly, DataSerializable {
        private static final long serialVersionUID = 1L;
        static final StringRead INSTANCE = new StringRead();

        StringRead() {
        }

        @Override
        public void writeData(ObjectDataOutput out) {
            // stateless
        }

        @Override
        public void readData(ObjectDataInput in) {
            // stateless
        }

        @Override
        public String process(Map.Entry<String, Object> entry) {
            if (!(entry instanceof CachedQueryEntry<?, ?> queryEntry)) {
                return FOREIGN;
            }
            Data data = queryEntry.getValueData();
            if (data == null) {
                return null;
            }
            return isString(data) && entry.getValue() instanceof String value ? value : FOREIGN;
        }

        @Override
        public EntryProcessor<String, Object, String> getBackupProcessor() {
            return null;
        }

    }

    /**
     * Puts a value (a string or a byte array) with a TTL when the key has none, and answers only
     * whether it did: {@code IMap.putIfAbsent} hands back, deserialized, whatever was there.
     */
    static final class PutIfAbsent implements EntryProcessor<String, Object, Boolean>, DataSerializable {
        private static final long serialVersionUID = 1L;
        private Object value;
        private long ttlMillis;
        /** Whether {@link #process} wrote, on the replica where it ran; never sent. */
        private transient boolean wrote;

        /** For Hazelcast, which fills it with {@link #readData}. */
        PutIfAbsent() {
        }

        PutIfAbsent(Object value, long ttlMillis) {
            if (!(value instanceof String) && !(value instanceof byte[])) {
                throw new IllegalArgumentException("a string or bytes, not " + value);
            }
            this.value = value;
            this.ttlMillis = ttlMillis;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(ttlMillis);
            if (value instanceof byte[] bytes) {
                out.writeBoolean(true);
                out.writeByteArray(bytes);
            } else {
                out.writeBoolean(false);
                out.writeString((String) value);
            }
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            ttlMillis = in.readLong();
            value = in.readBoolean() ? in.readByteArray() : in.readString();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Boolean process(Map.Entry<String, Object> entry) {
            if (!(entry instanceof CachedQueryEntry<?, ?> queryEntry) || !(entry instanceof ExtendedMapEntry<?, ?>)) {
                throw new IllegalStateException("unexpected entry class " + entry.getClass().getName());
            }
            if (queryEntry.getValueData() != null) {
                return Boolean.FALSE;
            }
            ((ExtendedMapEntry<String, Object>) entry).setValue(value, ttlMillis, TimeUnit.MILLISECONDS);
            wrote = true;
            return Boolean.TRUE;
        }

        /**
         * @return itself once it wrote (the backup replica, absent too, takes the same value); none when
         *     it found a value, so that a lock attempt on a held lock waits for no backup, as a failed
         *     {@code putIfAbsent} does not (Hazelcast asks after running the processor)
         */
        @Override
        public EntryProcessor<String, Object, Boolean> getBackupProcessor() {
            return wrote ? this : null;
        }
    }

    /** The keys of a cache map that are strings; other keys are skipped without being deserialized. */
    static final class StringKeys implements Projection<Map.Entry<String, Object>, String>, DataSerializable {
        private static final long serialVersionUID = 1L;
        static final StringKeys INSTANCE = new StringKeys();

        StringKeys() {
        }

        @Override
        public void writeData(ObjectDataOutput out) {
            // stateless
        }

        @Override
        public void readData(ObjectDataInput in) {
            // stateless
        }

        @Override
        public String transform(Map.Entry<String, Object> entry) {
            if (!(entry instanceof CachedQueryEntry<?, ?> queryEntry)) {
                throw new IllegalStateException("unexpected entry class " + entry.getClass().getName());
            }
            return isString(queryEntry.getKeyData()) ? entry.getKey() : null;
        }
    }
}
