package org.dogpile.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Objects;

/**
 * Java serialization under the codec's own deserialization filter: only classes on an
 * {@link AllowList} are decoded (everything else is refused, as a JEP 290 filter ending in
 * {@code !*}), within depth, reference, size and array limits ({@link Limits}). A class that is
 * refused is never loaded, let alone instantiated: its name is checked before the class is
 * resolved, and a proxy class is always refused.
 *
 * <p>{@link #encode} checks that the value would read back: it decodes the bytes it produced under
 * the same filter, and refuses a value whose classes (or size) the decoder would refuse, with a
 * message naming the refused class and how to allow it. So a value never silently fails to read
 * back; the price is one extra decode per write (writes happen once per regeneration).
 *
 * <p>The JVM-wide filter ({@code jdk.serialFilter}), when one is set, is applied as well: a class
 * either filter rejects is refused. Instances are immutable and thread-safe.
 */
public final class JavaSerializationCodec implements ValueCodec {

    /** The {@link #id()} of this codec. */
    public static final String ID = "java";

    private static final JavaSerializationCodec DEFAULTS = new JavaSerializationCodec(AllowList.jdkOnly());

    private final AllowList allowList;
    private final Limits limits;
    private final ClassLoader classLoader;

    /**
     * @param allowList the classes to admit (besides the JDK types it always admits)
     * @param limits the decoding limits
     * @param classLoader where to load the admitted classes from (the application's)
     */
    public JavaSerializationCodec(AllowList allowList, Limits limits, ClassLoader classLoader) {
        this.allowList = Objects.requireNonNull(allowList, "allowList cannot be null");
        this.limits = Objects.requireNonNull(limits, "limits cannot be null");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader cannot be null");
    }

    /**
     * A codec with the {@linkplain Limits#DEFAULT default limits} that loads classes from this
     * class's loader.
     *
     * @param allowList the classes to admit (besides the JDK types)
     */
    public JavaSerializationCodec(AllowList allowList) {
        this(allowList, Limits.DEFAULT, JavaSerializationCodec.class.getClassLoader());
    }

    /**
     * The codec of values whose classes nobody declared: admits the {@linkplain AllowList#JDK_TYPES
     * JDK value and collection types} only, with the {@linkplain Limits#DEFAULT default limits}.
     *
     * @return the shared instance
     */
    public static JavaSerializationCodec defaults() {
        return DEFAULTS;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * @return the allow-list this codec decodes under
     */
    public AllowList allowList() {
        return allowList;
    }

    /**
     * @return the limits this codec decodes under
     */
    public Limits limits() {
        return limits;
    }

    /**
     * Serializes a value and checks that {@link #decode} admits the result.
     *
     * @throws ValueEncodingException when the value is not {@code Serializable}, or holds a class the
     *     allow-list refuses, or passes a limit; the message names the type and how to allow it
     */
    @Override
    public byte[] encode(Object value) {
        Objects.requireNonNull(value, "value cannot be null");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new ValueEncodingException("cannot store a value of type " + value.getClass().getName()
                + ": " + e.getMessage() + " is not Serializable; make it Serializable or use the JSON-B codec"
                + " (dogpile.codec=jsonb)", e);
        } catch (IOException | RuntimeException e) {
            throw new ValueEncodingException("cannot store a value of type " + value.getClass().getName()
                + ": Java serialization failed with " + e, e);
        }
        byte[] encoded = bytes.toByteArray();
        Filter filter = new Filter(encoded.length);
        try {
            read(encoded, filter);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ValueEncodingException("cannot store a value of type " + value.getClass().getName()
                + ": it would not read back, " + filter.reason(e) + filter.remedy(), e);
        }
        return encoded;
    }

    /**
     * Deserializes a value under the filter.
     *
     * @throws ValueDecodingException when the bytes hold a refused class, pass a limit or are corrupt
     */
    @Override
    public Object decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes cannot be null");
        Filter filter = new Filter(bytes.length);
        try {
            return read(bytes, filter);
        } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError e) {
            throw new ValueDecodingException("refused a stored value: " + filter.reason(e), e);
        }
    }

    private Object read(byte[] bytes, Filter filter) throws IOException, ClassNotFoundException {
        if (bytes.length > limits.maxBytes()) {
            filter.reject("it is " + bytes.length + " bytes long, over the limit of " + limits.maxBytes());
            throw new InvalidClassException("value too long");
        }
        try (FilteredInputStream in = new FilteredInputStream(new ByteArrayInputStream(bytes), filter)) {
            Object value = in.readObject();
            if (in.read() != -1) {
                filter.reject("bytes follow the value");
                throw new InvalidClassException("trailing bytes");
            }
            return value;
        }
    }

    @Override
    public String toString() {
        return "JavaSerializationCodec[allow=" + allowList + ", " + limits + "]";
    }

    /**
     * The limits of one decode, as in a JEP 290 filter.
     *
     * @param maxDepth {@code maxdepth}: how deep objects may nest
     * @param maxRefs {@code maxrefs}: how many objects and back-references a value may hold
     * @param maxBytes {@code maxbytes}: how long the encoded value may be
     * @param maxArray {@code maxarray}: how long an array may be; arrays are also never longer than
     *     eight times the encoded value's length (no legitimate value needs more; the bound stops a
     *     few bytes from allocating a huge array)
     */
    public record Limits(int maxDepth, long maxRefs, long maxBytes, long maxArray) {

        /** {@code maxdepth=16;maxrefs=1000000;maxbytes=67108864;maxarray=10000000}. */
        public static final Limits DEFAULT = new Limits(16, 1_000_000, 64L * 1024 * 1024, 10_000_000);

        /**
         * @param maxDepth how deep objects may nest
         * @param maxRefs how many objects and back-references a value may hold
         * @param maxBytes how long the encoded value may be
         * @param maxArray how long an array may be
         * @throws IllegalArgumentException if a limit is not positive
         */
        public Limits {
            if (maxDepth <= 0 || maxRefs <= 0 || maxBytes <= 0 || maxArray <= 0) {
                throw new IllegalArgumentException("decoding limits must be positive: maxDepth=" + maxDepth
                    + ", maxRefs=" + maxRefs + ", maxBytes=" + maxBytes + ", maxArray=" + maxArray);
            }
        }

        @Override
        public String toString() {
            return "maxdepth=" + maxDepth + ";maxrefs=" + maxRefs + ";maxbytes=" + maxBytes + ";maxarray=" + maxArray;
        }
    }

    /** The filter of one decode: remembers why it refused, for the message. */
    private final class Filter implements ObjectInputFilter {
        private final long arrayBound;
        private final ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        private String reason;
        private String refusedClass;

        Filter(int length) {
            this.arrayBound = Math.min(limits.maxArray(), 8L * length + 64);
        }

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > limits.maxDepth()) {
                return reject("it nests deeper than " + limits.maxDepth() + " levels");
            }
            if (info.references() > limits.maxRefs()) {
                return reject("it holds more than " + limits.maxRefs() + " objects");
            }
            if (info.streamBytes() > limits.maxBytes()) {
                return reject("it is longer than " + limits.maxBytes() + " bytes");
            }
            if (info.arrayLength() > arrayBound) {
                return reject("it holds an array of " + info.arrayLength() + " elements, over the limit of "
                    + arrayBound);
            }
            Class<?> type = info.serialClass();
            if (type != null && !allowList.admits(type.getName())) {
                return refuse(type.getName());
            }
            if (jvmWide != null && jvmWide.checkInput(info) == Status.REJECTED) {
                return reject("the JVM-wide filter (jdk.serialFilter) rejects "
                    + (type == null ? "its size" : type.getName()));
            }
            return Status.ALLOWED;
        }

        Status refuse(String className) {
            refusedClass = className;
            return reject("class " + className + " is not on the allow-list");
        }

        Status reject(String why) {
            if (reason == null) {
                reason = why;
            }
            return Status.REJECTED;
        }

        String reason(Throwable failure) {
            if (reason != null) {
                return reason;
            }
            String message = String.valueOf(failure.getMessage());
            return failure.getClass().getName() + ": "
                + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
        }

        String remedy() {
            if (refusedClass == null) {
                return "";
            }
            int dot = refusedClass.lastIndexOf('.');
            String pkg = dot > 0 ? " (or " + refusedClass.substring(0, dot) + ".* for its package)" : "";
            return "; allow it with dogpile.codec.allow=" + refusedClass + pkg;
        }
    }

    /** Checks class names before loading them, from the codec's class loader; refuses proxies. */
    private final class FilteredInputStream extends ObjectInputStream {
        private final Filter filter;

        FilteredInputStream(InputStream in, Filter filter) throws IOException {
            super(in);
            this.filter = filter;
            setObjectInputFilter(filter);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            String name = desc.getName();
            if (!allowList.admits(name)) {
                filter.refuse(name);
                throw new InvalidClassException(name, "not on the allow-list");
            }
            try {
                return Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
            filter.reject("it holds a proxy class");
            throw new InvalidClassException("proxy classes are never decoded");
        }
    }
}
