package org.dogpile.key;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The value-level codec of cache keys: turns one value into a canonical string that is equal in
 * every JVM for equal values and different for different values.
 *
 * <p>The encoding is typed (every value starts with a tag naming its kind) and self-delimiting
 * (free text is length-prefixed; numbers and dates use a character set that excludes the separators),
 * so no two different values, nor two different sequences of values, share an encoding:
 * {@code ("a,b", "c")} and {@code ("a", "b,c")} are {@code s3:a,b|s1:c} and {@code s1:a|s3:b,c};
 * {@code null}, {@code "null"}, {@code 1}, {@code 1L} and {@code "1"} are {@code n}, {@code s4:null},
 * {@code i:1}, {@code j:1} and {@code s1:1}. It never uses {@code hashCode()}, identity hash codes or
 * the iteration order of hashed collections: sets and maps are sorted by the encoding of their
 * elements and keys. Encodings stay readable for debugging, for example
 * {@code r19:com.acme.PriceQuery(s2:EU,e21:com.acme.Currency.EUR,L2[i:1,i:2])}.
 *
 * <h2>Grammar</h2>
 * <pre>
 * value  = "n"                                   null
 *        | "z:" ("true" | "false")               Boolean
 *        | "b:" int | "h:" int                   Byte, Short (decimal)
 *        | "i:" int | "j:" int                   Integer, Long (decimal)
 *        | "f:" atom | "d:" atom                 Float, Double: Float/Double.toHexString
 *        | "c" str                               Character (a str of length 1)
 *        | "s" str                               String
 *        | "u:" atom                             UUID: 36 lowercase characters
 *        | "bd:" atom | "bi:" atom               BigDecimal, BigInteger: toString()
 *        | "ti:" atom                            Instant                  (all java.time values:
 *        | "tld:" atom | "tlt:" atom             LocalDate, LocalTime      their ISO-8601 toString())
 *        | "tldt:" atom                          LocalDateTime
 *        | "todt:" atom | "tot:" atom            OffsetDateTime, OffsetTime
 *        | "tzdt" str                            ZonedDateTime (has a "[zone]" suffix)
 *        | "tdu:" atom | "tpe:" atom             Duration, Period
 *        | "tzo:" atom | "tzi" str               ZoneOffset, any other ZoneId (its id)
 *        | "tyr:" atom | "tym:" atom | "tmd:" atom   Year, YearMonth, MonthDay
 *        | "e" str                               enum: "enum class name" + "." + "constant name"
 *        | "k" str                               Class: Class.getName()
 *        | "K" str                               StableKey: stableKey()
 *        | "o()" | "o(" value ")"                Optional, empty or present
 *        | "r" str "(" [values] ")"              record: class name, then its components in order
 *        | "L" count "[" [values] "]"            List, in list order
 *        | "S" count "{" [values] "}"            Set, elements sorted by their encoding
 *        | "M" count "{" [entries] "}"           Map, entries sorted by encoded key, then encoded value
 *        | "a" count "[" [values] "]"            array of objects (any component type)
 *        | "a" ptype count "[" [atoms] "]"       array of primitives, elements as in the scalar rules
 *        | "ac" str                              char[]
 * values  = value *("," value)
 * entries = value "=" value *("," value "=" value)
 * atoms   = atom *("," atom)
 * ptype   = "z" | "b" | "h" | "i" | "j" | "f" | "d"
 * str     = count ":" text         text: exactly count UTF-16 units, well-formed
 *         | "x" count ":" hex      a text with an unpaired surrogate: each of its count UTF-16
 *                                  units as 4 lowercase hex digits (keeps the key valid Unicode)
 * count   = decimal digits, no leading zeros
 * atom    = one or more of A-Z a-z 0-9 . : + -   (never a separator | , = ) ] })
 * </pre>
 * {@link ArgumentKeys} joins the values of the key parameters with {@code "|"}.
 *
 * <h2>Equality</h2>
 * Two values get the same encoding exactly when they are equal by these rules, which follow
 * {@code equals} where it compares content:
 * <ul>
 * <li>types are never mixed: {@code 1}, {@code 1L}, {@code 1.0}, {@code "1"}, {@code '1'} and
 *     {@code BigInteger.ONE} are six different keys;</li>
 * <li>{@code Double}/{@code Float} as {@code Double.equals}: {@code -0.0} differs from {@code 0.0},
 *     every NaN is the same NaN; the hexadecimal form is exact and does not depend on the JDK version
 *     (the decimal {@code Double.toString} changed in JDK 19);</li>
 * <li>{@code BigDecimal} as {@code BigDecimal.equals}: the scale counts, {@code 1.0} and {@code 1.00}
 *     are different keys (strip trailing zeros yourself, or use a {@link StableKey}, to merge them);</li>
 * <li>java.time values as their {@code equals}: an {@code OffsetDateTime} or {@code ZonedDateTime}
 *     keeps its offset and zone, so the same instant in two zones gives two keys;</li>
 * <li>enums by class and constant name, never by ordinal or identity hash code; records by class name
 *     and components; a {@code Class} by name;</li>
 * <li>lists by their elements in order, sets and maps by content whatever their implementation and
 *     iteration order ({@code HashSet} and {@code TreeSet} with the same elements are the same key);
 *     a list and a set are different keys;</li>
 * <li>arrays by content (unlike {@code equals}): primitive arrays with their element type, so an empty
 *     {@code int[]} and an empty {@code long[]} differ; arrays of objects regardless of the component
 *     type, so {@code new String[]{"a"}} and {@code new Object[]{"a"}} are the same key;</li>
 * <li>{@code StableKey} values by their string alone (the class name is left out so that proxies and
 *     subclasses match); a type that implements it is encoded that way even if it is an enum or a
 *     record.</li>
 * </ul>
 * Anything else (including {@code StringBuilder}, {@code Date}, {@code Calendar}, {@code Optional}'s
 * primitive variants, queues and other non-list, non-set collections, lambdas) is rejected with a
 * {@link KeyEncodingException}. Structures nested more than {@value #MAX_DEPTH} levels deep are
 * rejected too, which also stops cyclic ones.
 *
 * <p>Renaming or moving a class, renaming an enum constant, or adding, removing or reordering a
 * record's components changes the encodings that contain it (values cached under the old keys are
 * simply not found again); component names are not encoded.
 *
 * <p>This class is thread-safe. Per runtime class it caches how to encode it (for records: the
 * component accessors), so encoding a value reflects over its class only the first time.
 */
public final class KeyEncoder {

    /** How deep values may nest (collections, maps, arrays, records, optionals) before being rejected. */
    public static final int MAX_DEPTH = 64;

    /**
     * The length budget of one key: encoding stops with a {@link KeyEncodingException} once the
     * canonical form of the arguments passes this many characters (16 Mi). Keys this long are stored
     * as a hash anyway ({@link KeyFormat}); the budget bounds the memory spent building them.
     */
    public static final int MAX_ENCODED_LENGTH = 16 * 1024 * 1024;

    /**
     * The work budget of one key: encoding stops with a {@link KeyEncodingException} once it has
     * encoded this many values (every element, entry key and value, component, scalar and
     * {@code null} counts one; a long string counts one). Arguments that share sub-structures (a
     * list holding the same list twice, nested 40 times) would otherwise take exponential time.
     */
    public static final int MAX_VALUES = 100_000;

    private static final ClassValue<Codec> CODECS = new ClassValue<>() {
        @Override
        protected Codec computeValue(Class<?> type) {
            return codecFor(type);
        }
    };

    private static final Comparator<String[]> BY_KEY_THEN_VALUE =
        Comparator.<String[], String>comparing(entry -> entry[0]).thenComparing(entry -> entry[1]);

    private KeyEncoder() {
    }

    /**
     * Encodes one value into its canonical key string, following the grammar and equality rules in
     * the class documentation.
     *
     * @param value the value, may be {@code null}
     * @return the encoding; equal in every JVM for equal values, different for different values
     * @throws KeyEncodingException if the value, or anything inside it, has no stable encoding; the
     *     message names its type and where it sits (for example {@code value[2].owner})
     */
    public static String encode(Object value) {
        StringBuilder out = new StringBuilder(32);
        try {
            append(out, value, 0, new Walk());
            Walk.checkLength(out);
        } catch (Unsupported e) {
            throw new KeyEncodingException("cannot encode " + e.describe("value") + "; implement "
                + StableKey.class.getName() + " on that type to make it usable in keys", e.getCause());
        }
        return out.toString();
    }

    /**
     * Tells whether a declared type (of a parameter, record component, collection element...) can be
     * used in keys. {@link ArgumentKeys#forMethod} uses it to reject methods at deployment time.
     *
     * <p>The answer is {@code true} for two kinds of types:
     * <ul>
     * <li><b>closed</b> types, whose every value can be encoded: primitives and their boxes,
     *     {@code String}, the supported JDK types listed in the class documentation, enums, types
     *     implementing {@link StableKey}, records whose components are closed, arrays, lists, sets,
     *     maps and optionals of closed types, sealed types whose permitted subtypes are closed;</li>
     * <li><b>open</b> types, which some supported values belong to but not all: {@code Object},
     *     {@code Serializable}, {@code Comparable}, {@code Number}, {@code CharSequence},
     *     {@code Collection}, {@code Temporal} and the like, raw or wildcard collections
     *     ({@code List}, {@code Map<String, ?>}), type variables, records with open components. Values
     *     of open types are checked per call: {@link ArgumentKeys#keyOf} throws a
     *     {@link KeyEncodingException} for a value it cannot encode.</li>
     * </ul>
     * It is {@code false} for every other type, typically your own classes and interfaces that do not
     * implement {@link StableKey}, and for collections, arrays, optionals and records that contain
     * such a type (for example {@code List<Customer>}).
     *
     * @param declaredType a {@link Class}, parameterized type, generic array type, type variable or
     *     wildcard
     * @return whether values declared with this type can be encoded (always, or after a per-call check)
     */
    public static boolean isEncodable(Type declaredType) {
        Objects.requireNonNull(declaredType, "declaredType cannot be null");
        return TypeCheck.problem(declaredType) == null;
    }

    /**
     * Appends the encoding of a value.
     *
     * @throws Unsupported if the value, or a part of it, cannot be encoded
     */
    static void append(StringBuilder out, Object value, int depth, Walk walk) {
        if (value == null) {
            out.append('n');
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new Unsupported("is nested deeper than " + MAX_DEPTH + " levels (a cyclic structure?)", null);
        }
        walk.visit(out);
        CODECS.get(value.getClass()).write(out, value, depth, walk);
    }

    /**
     * The budget of building one key: how many values were encoded so far. Shared sub-structures
     * are encoded once per reference, so without it a few kilobytes of arguments could take
     * exponential time and memory.
     */
    static final class Walk {
        private int values;

        /**
         * Counts one value, and checks both budgets.
         *
         * @throws Unsupported once a budget is spent
         */
        void visit(StringBuilder out) {
            if (++values > MAX_VALUES) {
                throw new Unsupported("holds more than " + MAX_VALUES
                    + " values (a huge argument, or one that shares sub-structures many times)", null);
            }
            checkLength(out);
        }

        /**
         * @throws Unsupported once the key is longer than {@link #MAX_ENCODED_LENGTH}
         */
        static void checkLength(StringBuilder out) {
            if (out.length() > MAX_ENCODED_LENGTH) {
                throw new Unsupported("makes the key longer than " + MAX_ENCODED_LENGTH
                    + " characters (a huge argument, or one that shares sub-structures many times)", null);
            }
        }
    }

    /** How to encode the instances of one runtime class. */
    @FunctionalInterface
    private interface Codec {
        void write(StringBuilder out, Object value, int depth, Walk walk);
    }

    private static Codec codecFor(Class<?> type) {
        if (StableKey.class.isAssignableFrom(type)) {
            return KeyEncoder::writeStableKey;
        }
        Codec scalar = scalarCodec(type);
        if (scalar != null) {
            return scalar;
        }
        if (Enum.class.isAssignableFrom(type)) {
            return enumCodec(type);
        }
        if (type.isArray()) {
            return arrayCodec(type.getComponentType());
        }
        if (type.isRecord()) {
            return new RecordCodec(type);
        }
        if (type == Optional.class) {
            return KeyEncoder::writeOptional;
        }
        if (List.class.isAssignableFrom(type)) {
            return (out, value, depth, walk) -> writeList(out, (List<?>) value, depth, walk);
        }
        if (Set.class.isAssignableFrom(type)) {
            return (out, value, depth, walk) -> writeSet(out, (Set<?>) value, depth, walk);
        }
        if (Map.class.isAssignableFrom(type)) {
            return (out, value, depth, walk) -> writeMap(out, (Map<?, ?>) value, depth, walk);
        }
        String reason = "is a " + type.getName() + ", which has no stable key encoding";
        return (out, value, depth, walk) -> {
            throw new Unsupported(reason, null);
        };
    }

    private static Codec scalarCodec(Class<?> type) {
        if (type == String.class) {
            return (out, value, depth, walk) -> writeStr(out.append('s'), (String) value);
        } else if (type == Integer.class) {
            return (out, value, depth, walk) -> out.append("i:").append(((Integer) value).intValue());
        } else if (type == Long.class) {
            return (out, value, depth, walk) -> out.append("j:").append(((Long) value).longValue());
        } else if (type == Boolean.class) {
            return (out, value, depth, walk) -> out.append("z:").append(((Boolean) value).booleanValue());
        } else if (type == Short.class) {
            return (out, value, depth, walk) -> out.append("h:").append(((Short) value).shortValue());
        } else if (type == Byte.class) {
            return (out, value, depth, walk) -> out.append("b:").append(((Byte) value).byteValue());
        } else if (type == Double.class) {
            return (out, value, depth, walk) -> out.append("d:").append(Double.toHexString((Double) value));
        } else if (type == Float.class) {
            return (out, value, depth, walk) -> out.append("f:").append(Float.toHexString((Float) value));
        } else if (type == Character.class) {
            return (out, value, depth, walk) -> writeStr(out.append('c'), String.valueOf((char) (Character) value));
        } else if (type == UUID.class) {
            return (out, value, depth, walk) -> out.append("u:").append(value);
        } else if (BigDecimal.class.isAssignableFrom(type)) {
            return (out, value, depth, walk) -> out.append("bd:").append(((BigDecimal) value).toString());
        } else if (BigInteger.class.isAssignableFrom(type)) {
            return (out, value, depth, walk) -> out.append("bi:").append(((BigInteger) value).toString());
        } else if (type == Class.class) {
            return (out, value, depth, walk) -> writeClass(out, (Class<?>) value);
        }
        return timeCodec(type);
    }

    private static Codec timeCodec(Class<?> type) {
        String tag;
        if (type == Instant.class) {
            tag = "ti:";
        } else if (type == LocalDate.class) {
            tag = "tld:";
        } else if (type == LocalTime.class) {
            tag = "tlt:";
        } else if (type == LocalDateTime.class) {
            tag = "tldt:";
        } else if (type == OffsetDateTime.class) {
            tag = "todt:";
        } else if (type == OffsetTime.class) {
            tag = "tot:";
        } else if (type == Duration.class) {
            tag = "tdu:";
        } else if (type == Period.class) {
            tag = "tpe:";
        } else if (type == ZoneOffset.class) {
            tag = "tzo:";
        } else if (type == Year.class) {
            tag = "tyr:";
        } else if (type == YearMonth.class) {
            tag = "tym:";
        } else if (type == MonthDay.class) {
            tag = "tmd:";
        } else if (type == ZonedDateTime.class) {
            return (out, value, depth, walk) -> writeStr(out.append("tzdt"), value.toString());
        } else if (ZoneId.class.isAssignableFrom(type)) {
            return (out, value, depth, walk) -> writeStr(out.append("tzi"), ((ZoneId) value).getId());
        } else {
            return null;
        }
        return (out, value, depth, walk) -> out.append(tag).append(value);
    }

    private static Codec enumCodec(Class<?> type) {
        // a constant with a body is an instance of an anonymous subclass of its enum
        Class<?> enumClass = type.isEnum() ? type : type.getSuperclass();
        Object[] constants = enumClass.getEnumConstants();
        String[] encoded = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            encoded[i] = writeStr(new StringBuilder("e"), enumClass.getName() + "." + ((Enum<?>) constants[i]).name())
                .toString();
        }
        return (out, value, depth, walk) -> out.append(encoded[((Enum<?>) value).ordinal()]);
    }

    private static void writeStableKey(StringBuilder out, Object value, int depth, Walk walk) {
        String key;
        try {
            key = ((StableKey) value).stableKey();
        } catch (RuntimeException e) {
            throw new Unsupported("is a " + value.getClass().getName() + " whose stableKey() threw " + e, e);
        }
        if (key == null) {
            throw new Unsupported("is a " + value.getClass().getName() + " whose stableKey() returned null", null);
        }
        writeStr(out.append('K'), key);
    }

    private static void writeClass(StringBuilder out, Class<?> value) {
        Class<?> element = value;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isHidden()) {
            throw new Unsupported("is the hidden class " + value.getName() + ", whose name differs between JVMs", null);
        }
        if (Proxy.isProxyClass(element)) {
            throw new Unsupported("is the proxy class " + value.getName() + ", whose name differs between JVMs", null);
        }
        writeStr(out.append('k'), value.getName());
    }

    private static void writeOptional(StringBuilder out, Object value, int depth, Walk walk) {
        Optional<?> optional = (Optional<?>) value;
        out.append("o(");
        if (optional.isPresent()) {
            try {
                append(out, optional.get(), depth + 1, walk);
            } catch (Unsupported e) {
                throw e.at(".get()");
            }
        }
        out.append(')');
    }

    private static void writeList(StringBuilder out, List<?> list, int depth, Walk walk) {
        int size = list.size();
        out.append('L').append(size).append('[');
        int i = 0;
        for (Object element : list) {
            if (i > 0) {
                out.append(',');
            }
            try {
                append(out, element, depth + 1, walk);
            } catch (Unsupported e) {
                throw e.at("[" + i + "]");
            }
            i++;
        }
        if (i != size) {
            throw new Unsupported("is a " + list.getClass().getName() + " that changed while its key was built", null);
        }
        out.append(']');
    }

    private static void writeSet(StringBuilder out, Set<?> set, int depth, Walk walk) {
        // the elements are encoded in place, so that the budget counts them, then cut out and sorted
        int start = out.length();
        List<Integer> ends = new ArrayList<>(set.size());
        for (Object element : set) {
            try {
                append(out, element, depth + 1, walk);
            } catch (Unsupported e) {
                throw e.at("[element]");
            }
            ends.add(out.length());
        }
        String[] elements = cut(out, start, ends);
        Arrays.sort(elements);
        out.append('S').append(elements.length).append('{');
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(elements[i]);
        }
        out.append('}');
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, int depth, Walk walk) {
        int start = out.length();
        List<Integer> ends = new ArrayList<>(2 * map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            int keyStart = out.length();
            try {
                append(out, entry.getKey(), depth + 1, walk);
            } catch (Unsupported e) {
                throw e.at("[key]");
            }
            ends.add(out.length());
            try {
                append(out, entry.getValue(), depth + 1, walk);
            } catch (Unsupported e) {
                throw e.at("[" + abbreviate(out.substring(keyStart, ends.get(ends.size() - 1))) + "]");
            }
            ends.add(out.length());
        }
        String[] parts = cut(out, start, ends);
        String[][] entries = new String[parts.length / 2][];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new String[] {parts[2 * i], parts[2 * i + 1]};
        }
        Arrays.sort(entries, BY_KEY_THEN_VALUE);
        out.append('M').append(entries.length).append('{');
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(entries[i][0]).append('=').append(entries[i][1]);
        }
        out.append('}');
    }

    /** Cuts the encodings between {@code start} and each end out of {@code out}, and truncates it to start. */
    private static String[] cut(StringBuilder out, int start, List<Integer> ends) {
        String[] parts = new String[ends.size()];
        int from = start;
        for (int i = 0; i < parts.length; i++) {
            int end = ends.get(i);
            parts[i] = out.substring(from, end);
            from = end;
        }
        out.setLength(start);
        return parts;
    }

    private static Codec arrayCodec(Class<?> component) {
        if (!component.isPrimitive()) {
            return (out, value, depth, walk) -> {
                Object[] array = (Object[]) value;
                out.append('a').append(array.length).append('[');
                for (int i = 0; i < array.length; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    try {
                        append(out, array[i], depth + 1, walk);
                    } catch (Unsupported e) {
                        throw e.at("[" + i + "]");
                    }
                }
                out.append(']');
            };
        } else if (component == char.class) {
            return (out, value, depth, walk) -> writeStr(out.append("ac"), new String((char[]) value));
        } else if (component == int.class) {
            return (out, value, depth, walk) -> {
                int[] array = (int[]) value;
                out.append("ai").append(array.length).append('[');
                for (int i = 0; i < array.length; i++) {
                    (i > 0 ? out.append(',') : out).append(array[i]);
                }
                out.append(']');
            };
        } else if (component == long.class) {
            return (out, value, depth, walk) -> {
                long[] array = (long[]) value;
                out.append("aj").append(array.length).append('[');
                for (int i = 0; i < array.length; i++) {
                    (i > 0 ? out.append(',') : out).append(array[i]);
                }
                out.append(']');
            };
        } else if (component == byte.class) {
            return (out, value, depth, walk) -> {
                byte[] array = (byte[]) value;
                out.append("ab").append(array.length).append('[');
                for (int i = 0; i < array.length; i++) {
                    (i > 0 ? out.append(',') : out).append(array[i]);
                }
                out.append(']');
            };
        } else if (component == short.class) {
            return (out, value, depth, walk) -> {
                short[] array = (short[]) value;
                out.append("ah").append(array.length).append('[');
                for (int i = 0; i < array.length; i++) {
                    (i > 0 ? out.append(',') : out).append(array[i]);
                }
                out.append(']');
            };
        } else if (component == boolean.class) {
            return (out, value, depth, walk) -> {
                boolean[] array = (boolean[]) value;
                out.append("az").append(array.length).append('[');
                for (int i = 0; i < array.length; i++) {
                    (i > 0 ? out.append(',') : out).append(array[i]);
                }
                out.append(']');
            };
        } else if (component == double.class) {
            return (out, value, depth, walk) -> {
                double[] array = (double[]) value;
                out.append("ad").append(array.length).append('[');
                for (int i = 0; i < array.length; i++) {
                    (i > 0 ? out.append(',') : out).append(Double.toHexString(array[i]));
                }
                out.append(']');
            };
        } else {
            return (out, value, depth, walk) -> {
                float[] array = (float[]) value;
                out.append("af").append(array.length).append('[');
                for (int i = 0; i < array.length; i++) {
                    (i > 0 ? out.append(',') : out).append(Float.toHexString(array[i]));
                }
                out.append(']');
            };
        }
    }

    /** Appends a length-prefixed text, in hexadecimal when it is not well-formed UTF-16. */
    static StringBuilder writeStr(StringBuilder out, String text) {
        int length = text.length();
        if (isWellFormed(text)) {
            return out.append(length).append(':').append(text);
        }
        out.append('x').append(length).append(':');
        for (int i = 0; i < length; i++) {
            String hex = Integer.toHexString(text.charAt(i));
            for (int pad = hex.length(); pad < 4; pad++) {
                out.append('0');
            }
            out.append(hex);
        }
        return out;
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String encoded) {
        return encoded.length() <= 40 ? encoded : encoded.substring(0, 37) + "...";
    }

    /** Encodes a record by class name and components, through accessors looked up once. */
    private static final class RecordCodec implements Codec {
        private final String recordName;
        private final String header;
        private final Method[] accessors;

        RecordCodec(Class<?> type) {
            this.recordName = type.getName();
            this.header = writeStr(new StringBuilder("r"), recordName).append('(').toString();
            RecordComponent[] components = type.getRecordComponents();
            this.accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                Method accessor = components[i].getAccessor();
                try {
                    accessor.setAccessible(true);
                } catch (RuntimeException notOpen) {
                    // a record in a package not opened to this module: public accessors still work,
                    // and a failure is reported per value with the reason
                }
                accessors[i] = accessor;
            }
        }

        @Override
        public void write(StringBuilder out, Object value, int depth, Walk walk) {
            out.append(header);
            for (int i = 0; i < accessors.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object component;
                try {
                    component = accessors[i].invoke(value);
                } catch (IllegalAccessException e) {
                    throw new Unsupported("is a record " + recordName + " whose component " + accessors[i].getName()
                        + " cannot be read (" + e.getMessage() + "); make the record public or open its package", e);
                } catch (InvocationTargetException e) {
                    throw new Unsupported("is a record " + recordName + " whose accessor " + accessors[i].getName()
                        + "() threw " + e.getCause(), e.getCause());
                }
                try {
                    append(out, component, depth + 1, walk);
                } catch (Unsupported e) {
                    throw e.at("." + accessors[i].getName());
                }
            }
            out.append(')');
        }
    }

    /**
     * A value that cannot be encoded, with where it sits inside the encoded value (collected while
     * unwinding, so the normal path pays nothing for it).
     */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private static final int MAX_REASON = 300;
        private final transient ArrayDeque<String> path = new ArrayDeque<>();

        Unsupported(String reason, Throwable cause) {
            super(reason, cause, false, false);
            this.reason = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
        }

        Unsupported at(String segment) {
            path.addFirst(segment);
            return this;
        }

        /** For example {@code "region[2].owner is a com.acme.Customer, which has no stable key encoding"}. */
        String describe(String root) {
            StringBuilder out = new StringBuilder(root);
            path.forEach(out::append);
            return out.append(' ').append(reason).toString();
        }
    }
}
