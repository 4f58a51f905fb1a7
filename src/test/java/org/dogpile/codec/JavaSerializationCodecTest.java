package org.dogpile.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.dogpile.codec.gadget.Bombs;
import org.dogpile.codec.gadget.Gadget;
import org.dogpile.codec.values.Price;
import org.dogpile.codec.values.Quote;
import org.dogpile.codec.values.Unlisted;
import org.dogpile.codec.values.detail.Note;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JavaSerializationCodecTest {

    /** What a cached method {@code List<Quote> quotes(...)} gives the factory. */
    private static final Type RETURN_TYPE = returnType("quotes");

    private final JavaSerializationCodec codec = new JavaSerializationCodec(AllowList.forTypes(List.of(RETURN_TYPE)));

    @BeforeEach
    void resetGadget() {
        Gadget.EXECUTED.set(0);
    }

    @SuppressWarnings("unused")
    private static List<Quote> quotes() {
        return null;
    }

    private static Type returnType(String method) {
        try {
            return JavaSerializationCodecTest.class.getDeclaredMethod(method).getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    static Price price(int i) {
        return new Price("sku-" + i, new BigDecimal("19.9" + i), Currency.getInstance("EUR"), LocalDate.of(2026, 1, 1 + i % 28),
            Instant.ofEpochSecond(1_800_000_000L + i), i % 2 == 0 ? Price.Kind.LIST : Price.Kind.NET);
    }

    static Quote quote(int i) {
        List<Price> prices = IntStream.range(0, 5).mapToObj(JavaSerializationCodecTest::price).toList();
        Map<String, Price> byRegion = new HashMap<>(Map.of("EU", price(1), "US", price(2)));
        return new Quote(new UUID(i, 42), prices, byRegion, Set.of("a", "b"),
            ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")), Duration.ofMinutes(i), new Note("n" + i),
            new int[] {1, 2, i});
    }

    @Test
    void roundTrip_realValuesOfTheReturnTypes_admitted() {
        List<Object> values = List.of(
            List.of(quote(1), quote(2)),
            new ArrayList<>(List.of(quote(3))),
            Collections.unmodifiableList(new ArrayList<>(List.of(quote(4)))),
            List.of(),
            Collections.emptyList(),
            Collections.singletonList(quote(5)),
            Arrays.asList(quote(6)),
            IntStream.range(0, 100).mapToObj(JavaSerializationCodecTest::quote).toList());
        for (Object value : values) {
            Object decoded = codec.decode(codec.encode(value));
            assertEquals(value.getClass(), decoded.getClass());
            @SuppressWarnings("unchecked")
            List<Quote> back = (List<Quote>) decoded;
            @SuppressWarnings("unchecked")
            List<Quote> original = (List<Quote>) value;
            assertEquals(original.size(), back.size());
            for (int i = 0; i < back.size(); i++) {
                Quote a = original.get(i);
                Quote b = back.get(i);
                assertEquals(a.prices(), b.prices());
                assertEquals(a.byRegion(), b.byRegion());
                assertEquals(a.tags(), b.tags());
                assertEquals(a.at(), b.at());
                assertEquals(a.validity(), b.validity());
                assertEquals(a.note(), b.note());
                assertArrayEquals(a.counts(), b.counts());
            }
        }
    }

    @Test
    void roundTrip_jdkValueTypes_admittedWithoutConfiguration() {
        JavaSerializationCodec jdkOnly = new JavaSerializationCodec(AllowList.jdkOnly());
        List<Object> values = List.of("text", 42, 42L, 1.5d, 1.5f, (short) 3, (byte) 4, 'c', true,
            new BigDecimal("1.10"), new BigInteger("123456789012345678901234567890"), UUID.randomUUID(),
            Instant.now(), LocalDate.now(), ZonedDateTime.now(ZoneId.of("America/New_York")), Duration.ofSeconds(3),
            java.time.DayOfWeek.MONDAY, Currency.getInstance("USD"), new TreeMap<>(Map.of("a", 1)),
            new LinkedHashSet<>(List.of(1, 2)), Map.of("k", List.of(1L, 2L)), Set.of(), Map.entry("a", 1).getKey(),
            new long[] {1, 2}, new String[][] {{"a"}, {"b"}});
        for (Object value : values) {
            Object back = jdkOnly.decode(jdkOnly.encode(value));
            assertTrue(Arrays.deepEquals(new Object[] {value}, new Object[] {back}), value + " came back as " + back);
        }
    }

    @Test
    void decode_gadget_neverExecuted() {
        byte[] hostile = Bombs.serialize(new Gadget("touch /tmp/pwned"));
        // control: without the codec's filter the gadget runs, so this test would notice a leak
        plainDeserialize(hostile);
        assertEquals(1, Gadget.EXECUTED.getAndSet(0), "precondition: the gadget runs under plain deserialization");

        ValueDecodingException e = assertThrows(ValueDecodingException.class, () -> codec.decode(hostile));
        assertTrue(e.getMessage().contains("class org.dogpile.codec.gadget.Gadget is not on the allow-list"), e.getMessage());
        assertFalse(e.getMessage().contains("touch"), "the message never carries stored content: " + e.getMessage());
        assertEquals(0, Gadget.EXECUTED.get());
    }

    @Test
    void decode_gadgetNestedInAdmittedValues_neverExecuted() {
        List<Object> disguises = List.of(
            new ArrayList<>(List.of("a", new Gadget("x"))),
            new HashMap<>(Map.of("k", new Gadget("x"))),
            new Unlisted(new Gadget("x")),
            new Unlisted(new Gadget[] {new Gadget("x")}),
            new Unlisted(List.of(List.of(new Gadget("x")))));
        for (Object disguise : disguises) {
            byte[] hostile = Bombs.serialize(disguise);
            assertThrows(ValueDecodingException.class, () -> codec.decode(hostile));
        }
        assertEquals(0, Gadget.EXECUTED.get());
    }

    @Test
    void decode_classesOffTheList_refusedWithoutLoadingThem() {
        List<Object> refused = List.of(new Date(), new Hashtable<>(Map.of("a", 1)), new PriorityQueue<>(List.of(1)),
            new javax.management.BadAttributeValueExpException("x"), new StringBuilder("x"),
            new SerializableHandler());
        for (Object value : refused) {
            byte[] bytes = Bombs.serialize(value);
            ValueDecodingException e = assertThrows(ValueDecodingException.class, () -> codec.decode(bytes),
                value.getClass().getName());
            assertTrue(e.getMessage().contains("is not on the allow-list"), e.getMessage());
        }
    }

    @Test
    void encode_valueTheDecoderWouldRefuse_failsNamingTheTypeAndTheFix() {
        ValueEncodingException e = assertThrows(ValueEncodingException.class,
            () -> codec.encode(List.of(new Unlisted(new Date(0)))));
        assertTrue(e.getMessage().contains("java.util.Date is not on the allow-list"), e.getMessage());
        assertTrue(e.getMessage().contains("dogpile.codec.allow=java.util.Date"), e.getMessage());

        ValueEncodingException notSerializable = assertThrows(ValueEncodingException.class,
            () -> codec.encode(new ArrayList<>(List.of(new Object()))));
        assertTrue(notSerializable.getMessage().contains("java.lang.Object is not Serializable"), notSerializable.getMessage());
        assertTrue(notSerializable.getMessage().contains("dogpile.codec=jsonb"), notSerializable.getMessage());

        JavaSerializationCodec extended = new JavaSerializationCodec(
            AllowList.forTypes(List.of(RETURN_TYPE)).with(List.of("java.util.Date")));
        assertEquals(new Date(0), ((Unlisted) ((List<?>) extended.decode(extended.encode(
            List.of(new Unlisted(new Date(0)))))).get(0)).payload);
    }

    @Test
    void decode_hashSetBomb_rejectedWithinTimeBound() {
        byte[] bomb = Bombs.serialize(Bombs.hashSetBomb(100));
        long start = System.nanoTime();
        ValueDecodingException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
            () -> assertThrows(ValueDecodingException.class, () -> codec.decode(bomb)));
        long micros = (System.nanoTime() - start) / 1000;
        System.out.println("hash-set bomb of " + bomb.length + " bytes rejected in " + micros + " us");
        assertTrue(e.getMessage().contains("nests deeper than"), e.getMessage());
    }

    @Test
    void decode_limits_eachEnforcedAndNamed() {
        byte[] deep = Bombs.serialize(nested(30));
        assertTrue(codec.decode(Bombs.serialize(nested(10))) instanceof List);
        assertTrue(assertThrows(ValueDecodingException.class, () -> codec.decode(deep)).getMessage()
            .contains("nests deeper than 16 levels"));

        JavaSerializationCodec small = new JavaSerializationCodec(AllowList.jdkOnly(),
            new JavaSerializationCodec.Limits(24, 100, 10_000, 1000), getClass().getClassLoader());
        byte[] manyObjects = Bombs.serialize(new ArrayList<>(IntStream.range(0, 200).mapToObj(i -> new int[] {i}).toList()));
        assertTrue(assertThrows(ValueDecodingException.class, () -> small.decode(manyObjects)).getMessage()
            .contains("more than 100 objects"));
        byte[] longValue = Bombs.serialize("x".repeat(20_000));
        assertTrue(assertThrows(ValueDecodingException.class, () -> small.decode(longValue)).getMessage()
            .contains("over the limit of 10000"));
        byte[] longArray = Bombs.serialize(new int[1200]);
        assertTrue(assertThrows(ValueDecodingException.class, () -> small.decode(longArray)).getMessage()
            .contains("array of 1200 elements"));
        assertTrue(assertThrows(ValueEncodingException.class, () -> small.encode(new int[1200])).getMessage()
            .contains("array of 1200 elements, over the limit of 1000"));
    }

    @Test
    void decode_arrayLongerThanTheBytesCanHold_refusedBeforeAllocating() {
        byte[] bytes = Bombs.serialize(new ArrayList<>(List.of(1)));
        // ArrayList writes its size as an int right after its fields: claim 100 million elements
        byte[] forged = forgeArrayListSize(bytes, 100_000_000);
        ValueDecodingException e = assertThrows(ValueDecodingException.class, () -> codec.decode(forged));
        assertTrue(e.getMessage().contains("array of 100000000 elements"), e.getMessage());
    }

    @Test
    void decode_corruptOrTruncatedBytes_alwaysValueDecodingException() {
        byte[] good = codec.encode(List.of(quote(1)));
        for (int cut = 0; cut < good.length; cut += 7) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThrows(ValueDecodingException.class, () -> codec.decode(truncated));
        }
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThrows(ValueDecodingException.class, () -> codec.decode(trailing));
        assertThrows(ValueDecodingException.class, () -> codec.decode("{\"json\":1}".getBytes()));
    }

    @Test
    void decode_proxy_refused() {
        Object proxy = java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Serializable.class, Runnable.class}, new SerializableHandler());
        ValueDecodingException e = assertThrows(ValueDecodingException.class,
            () -> codec.decode(Bombs.serialize(proxy)));
        assertTrue(e.getMessage().contains("proxy"), e.getMessage());
    }

    @Test
    void decode_classFromTheCodecsClassLoader() throws Exception {
        ClassLoader none = new ClassLoader(null) { };
        JavaSerializationCodec isolated = new JavaSerializationCodec(AllowList.forTypes(List.of(RETURN_TYPE)),
            JavaSerializationCodec.Limits.DEFAULT, none);
        // the codec's loader cannot see the application class: falls back to the stream's default resolution
        assertEquals(quote(1).note(), ((Quote) ((List<?>) isolated.decode(codec.encode(List.of(quote(1))))).get(0)).note());
        assertInstanceOf(Quote.class, ((List<?>) codec.decode(codec.encode(List.of(quote(1))))).get(0));
    }

    private static Object nested(int depth) {
        Object value = "leaf";
        for (int i = 0; i < depth; i++) {
            value = new ArrayList<>(List.of(value));
        }
        return value;
    }

    private static byte[] forgeArrayListSize(byte[] bytes, int size) {
        // the serialized ArrayList: its field "size" (int 1), then a block with the capacity (int 1)
        byte[] copy = bytes.clone();
        for (int i = 4; i + 5 < copy.length; i++) {
            if (copy[i] == 0x77 && copy[i + 1] == 0x04 && copy[i - 4] == 0 && copy[i - 3] == 0 && copy[i - 2] == 0
                && copy[i - 1] == 1) {
                copy[i - 4] = (byte) (size >>> 24);
                copy[i - 3] = (byte) (size >>> 16);
                copy[i - 2] = (byte) (size >>> 8);
                copy[i - 1] = (byte) size;
                return copy;
            }
        }
        throw new AssertionError("no ArrayList size block found");
    }

    private static void plainDeserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.readObject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A serializable invocation handler, so that the proxy can be written. */
    static final class SerializableHandler implements java.lang.reflect.InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
            return null;
        }
    }
}
