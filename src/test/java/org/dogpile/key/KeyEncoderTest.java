package org.dogpile.key;

import static org.dogpile.key.KeyEncoder.encode;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
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
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.dogpile.key.Fixtures.Account;
import org.dogpile.key.Fixtures.Box;
import org.dogpile.key.Fixtures.Circle;
import org.dogpile.key.Fixtures.Color;
import org.dogpile.key.Fixtures.CustomerId;
import org.dogpile.key.Fixtures.Empty;
import org.dogpile.key.Fixtures.FailingKey;
import org.dogpile.key.Fixtures.Named;
import org.dogpile.key.Fixtures.Node;
import org.dogpile.key.Fixtures.NullKey;
import org.dogpile.key.Fixtures.Pair;
import org.dogpile.key.Fixtures.Point;
import org.dogpile.key.Fixtures.Region;
import org.dogpile.key.Fixtures.Shade;
import org.junit.jupiter.api.Test;

class KeyEncoderTest {

    private static final String FIXTURES = Fixtures.class.getName();

    @Test
    void encode_null_isDistinctFromTheStringNull() {
        assertEquals("n", encode(null));
        assertEquals("s4:null", encode("null"));
    }

    @Test
    void encode_string_isLengthPrefixed() {
        assertAll(
            () -> assertEquals("s5:hello", encode("hello")),
            () -> assertEquals("s0:", encode("")),
            () -> assertEquals("s3:a,b", encode("a,b")),
            () -> assertEquals("s5:s1:|n", encode("s1:|n")),
            () -> assertEquals("s3:h\u00e9\u4e16", encode("h\u00e9\u4e16")));
    }

    @Test
    void encode_stringWithSurrogatePair_staysLiteral() {
        String grinning = "\uD83D\uDE00";
        assertEquals("s2:" + grinning, encode(grinning));
    }

    @Test
    void encode_stringWithLoneSurrogate_isHexAndValidUnicode() {
        assertAll(
            () -> assertEquals("sx2:0061d800", encode("a\uD800")),
            () -> assertEquals("sx1:dc00", encode("\uDC00")),
            () -> assertEquals("sx2:dc00d800", encode("\uDC00\uD800")),
            () -> assertNotEquals(encode("\uD800"), encode("?")));
    }

    @Test
    void encode_primitivesAndBoxes_areTypedAndExact() {
        assertAll(
            () -> assertEquals("i:42", encode(42)),
            () -> assertEquals("i:-2147483648", encode(Integer.MIN_VALUE)),
            () -> assertEquals("j:42", encode(42L)),
            () -> assertEquals("j:9223372036854775807", encode(Long.MAX_VALUE)),
            () -> assertEquals("h:-7", encode((short) -7)),
            () -> assertEquals("b:-128", encode((byte) -128)),
            () -> assertEquals("z:true", encode(true)),
            () -> assertEquals("z:false", encode(false)),
            () -> assertEquals("c1:x", encode('x')),
            () -> assertEquals("c1:|", encode('|')),
            () -> assertEquals("cx1:d800", encode('\uD800')),
            () -> assertEquals("d:0x1.8p1", encode(3.0)),
            () -> assertEquals("d:0x1.999999999999ap-4", encode(0.1)),
            () -> assertEquals("f:0x1.8p1", encode(3.0f)),
            () -> assertEquals("d:Infinity", encode(Double.POSITIVE_INFINITY)));
    }

    @Test
    void encode_sameNumberInDifferentTypes_differs() {
        List<String> keys = List.of(encode(1), encode(1L), encode((short) 1), encode((byte) 1), encode(1.0),
            encode(1.0f), encode("1"), encode('1'), encode(BigInteger.ONE), encode(BigDecimal.ONE), encode(true));
        assertEquals(keys.size(), new HashSet<>(keys).size(), keys.toString());
    }

    @Test
    void encode_doubles_followDoubleEquals() {
        assertAll(
            () -> assertNotEquals(encode(0.0), encode(-0.0)),
            () -> assertEquals(encode(Double.NaN), encode(Double.longBitsToDouble(0x7ff8000000000001L))),
            () -> assertEquals("d:NaN", encode(Double.NaN)),
            () -> assertNotEquals(encode(0.1 + 0.2), encode(0.3)),
            () -> assertNotEquals(encode(0.0f), encode(-0.0f)));
    }

    @Test
    void encode_bigDecimal_scaleMatters() {
        assertAll(
            () -> assertEquals("bd:1.0", encode(new BigDecimal("1.0"))),
            () -> assertEquals("bd:1.00", encode(new BigDecimal("1.00"))),
            () -> assertEquals("bd:1.2E+3", encode(new BigDecimal("1.2E3"))),
            () -> assertNotEquals(encode(new BigDecimal("1200")), encode(new BigDecimal("1.2E3"))),
            () -> assertEquals("bi:-12345678901234567890", encode(new BigInteger("-12345678901234567890"))));
    }

    @Test
    void encode_uuid_isLowercaseCanonical() {
        UUID uuid = UUID.fromString("123E4567-E89B-12D3-A456-426614174000");
        assertEquals("u:123e4567-e89b-12d3-a456-426614174000", encode(uuid));
    }

    @Test
    void encode_javaTimeValues_useTaggedIsoText() {
        assertAll(
            () -> assertEquals("ti:2024-03-01T10:15:30.123Z", encode(Instant.parse("2024-03-01T10:15:30.123Z"))),
            () -> assertEquals("tld:2024-03-01", encode(LocalDate.of(2024, 3, 1))),
            () -> assertEquals("tlt:10:15", encode(LocalTime.of(10, 15))),
            () -> assertEquals("tldt:2024-03-01T10:15:30", encode(LocalDateTime.of(2024, 3, 1, 10, 15, 30))),
            () -> assertEquals("todt:2024-03-01T10:15+01:00",
                encode(OffsetDateTime.of(2024, 3, 1, 10, 15, 0, 0, ZoneOffset.ofHours(1)))),
            () -> assertEquals("tot:10:15-05:00", encode(OffsetTime.of(10, 15, 0, 0, ZoneOffset.ofHours(-5)))),
            () -> assertEquals("tzdt36:2024-03-01T10:15+01:00[Europe/Paris]",
                encode(ZonedDateTime.of(2024, 3, 1, 10, 15, 0, 0, ZoneId.of("Europe/Paris")))),
            () -> assertEquals("tdu:PT1H30M", encode(Duration.ofMinutes(90))),
            () -> assertEquals("tpe:P1Y2M3D", encode(Period.of(1, 2, 3))),
            () -> assertEquals("tzi12:Europe/Paris", encode(ZoneId.of("Europe/Paris"))),
            () -> assertEquals("tzo:+02:00", encode(ZoneOffset.ofHours(2))),
            () -> assertEquals("tzo:Z", encode(ZoneOffset.UTC)),
            () -> assertEquals("tyr:2024", encode(Year.of(2024))),
            () -> assertEquals("tym:2024-03", encode(YearMonth.of(2024, 3))),
            () -> assertEquals("tmd:--03-01", encode(MonthDay.of(3, 1))),
            () -> assertEquals("e26:java.time.DayOfWeek.MONDAY", encode(DayOfWeek.MONDAY)),
            () -> assertEquals("e19:java.time.Month.MAY", encode(Month.MAY)));
    }

    @Test
    void encode_sameInstantInTwoZones_differs() {
        ZonedDateTime paris = ZonedDateTime.of(2024, 3, 1, 10, 0, 0, 0, ZoneId.of("Europe/Paris"));
        assertNotEquals(encode(paris), encode(paris.withZoneSameInstant(ZoneId.of("Europe/Berlin"))));
        assertNotEquals(encode(paris.toOffsetDateTime()), encode(paris.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC)));
    }

    @Test
    void encode_enum_usesClassAndConstantName() {
        assertAll(
            () -> assertEquals("e" + (FIXTURES.length() + 10) + ":" + FIXTURES + "$Color.RED", encode(Color.RED)),
            () -> assertNotEquals(encode(Color.RED), encode(Shade.RED)),
            () -> assertNotEquals(encode(Color.RED), encode("RED")));
    }

    @Test
    void encode_enumConstantWithBody_usesItsDeclaringEnum() {
        assertTrue(Shade.DARK.getClass() != Shade.class);
        assertEquals("e" + (FIXTURES.length() + 11) + ":" + FIXTURES + "$Shade.DARK", encode(Shade.DARK));
    }

    @Test
    void encode_record_usesClassNameAndComponentsInOrder() {
        String point = FIXTURES + "$Point";
        assertAll(
            () -> assertEquals("r" + point.length() + ":" + point + "(i:1,i:2)", encode(new Point(1, 2))),
            () -> assertNotEquals(encode(new Point(1, 2)), encode(new Point(2, 1))),
            () -> assertEquals("r" + (FIXTURES.length() + 6) + ":" + FIXTURES + "$Empty()", encode(new Empty())),
            () -> assertNotEquals(encode(new Pair("a", null)), encode(new Pair(null, "a"))));
    }

    @Test
    void encode_nestedRecords_encodeRecursively() {
        Node list = new Node(1, new Node(2, null));
        String node = FIXTURES + "$Node";
        String header = "r" + node.length() + ":" + node;
        assertEquals(header + "(i:1," + header + "(i:2,n))", encode(list));
    }

    @Test
    void encode_list_keepsOrderWhateverTheImplementation() {
        assertAll(
            () -> assertEquals("L3[s1:a,n,i:3]", encode(Arrays.asList("a", null, 3))),
            () -> assertEquals(encode(List.of(1, 2)), encode(new LinkedList<>(List.of(1, 2)))),
            () -> assertNotEquals(encode(List.of(1, 2)), encode(List.of(2, 1))),
            () -> assertEquals("L0[]", encode(List.of())),
            () -> assertNotEquals(encode(List.of("a,b", "c")), encode(List.of("a", "b,c"))));
    }

    @Test
    void encode_set_sortsElementsByEncoding() {
        Set<String> tree = new TreeSet<>(List.of("b", "a", "c"));
        Set<String> linked = new LinkedHashSet<>(List.of("c", "a", "b"));
        assertAll(
            () -> assertEquals("S3{s1:a,s1:b,s1:c}", encode(tree)),
            () -> assertEquals(encode(tree), encode(linked)),
            () -> assertEquals(encode(tree), encode(Set.of("a", "b", "c"))),
            () -> assertNotEquals(encode(List.of("a", "b", "c")), encode(tree)));
    }

    @Test
    void encode_hashSetsWithDifferentIterationOrders_areEqual() {
        Set<String> small = new HashSet<>(16);
        Set<String> large = new HashSet<>(4096);
        for (int i = 0; i < 40; i++) {
            small.add("element" + i);
            large.add("element" + (39 - i));
        }
        assertNotEquals(new ArrayList<>(small), new ArrayList<>(large), "precondition: iteration orders differ");
        assertEquals(encode(small), encode(large));
    }

    @Test
    void encode_enumSet_isSortedByEncodingNotOrdinal() {
        assertEquals(encode(Set.of(Color.RED, Color.BLUE)), encode(new HashSet<>(List.of(Color.BLUE, Color.RED))));
        String blue = encode(Color.BLUE);
        String red = encode(Color.RED);
        assertEquals("S2{" + red + "," + blue + "}", encode(Set.of(Color.BLUE, Color.RED)), "RED is shorter");
    }

    @Test
    void encode_map_sortsEntriesByEncodedKey() {
        Map<String, Integer> linked = new LinkedHashMap<>();
        linked.put("b", 2);
        linked.put("a", 1);
        Map<Object, Object> withNull = new HashMap<>();
        withNull.put(null, "x");
        assertAll(
            () -> assertEquals("M2{s1:a=i:1,s1:b=i:2}", encode(linked)),
            () -> assertEquals(encode(linked), encode(new TreeMap<>(linked))),
            () -> assertEquals(encode(linked), encode(Map.of("a", 1, "b", 2))),
            () -> assertEquals("M1{n=s1:x}", encode(withNull)),
            () -> assertEquals("M0{}", encode(Map.of())),
            () -> assertNotEquals(encode(Map.of()), encode(Set.of())),
            () -> assertNotEquals(encode(Map.of("a", "b=c")), encode(Map.of("a=b", "c"))));
    }

    @Test
    void encode_enumKeyedMaps_agreeWhateverTheImplementation() {
        Map<Color, String> enumMap = new EnumMap<>(Color.class);
        enumMap.put(Color.WHITE, "w");
        enumMap.put(Color.RED, "r");
        Map<Color, String> hashMap = new HashMap<>(enumMap);
        assertEquals(encode(enumMap), encode(hashMap));
    }

    @Test
    void encode_arrays_compareByContentAndPrimitiveType() {
        assertAll(
            () -> assertEquals("ai3[1,-2,3]", encode(new int[] {1, -2, 3})),
            () -> assertEquals("aj1[5]", encode(new long[] {5})),
            () -> assertEquals("ab2[1,-1]", encode(new byte[] {1, -1})),
            () -> assertEquals("ah1[7]", encode(new short[] {7})),
            () -> assertEquals("az2[true,false]", encode(new boolean[] {true, false})),
            () -> assertEquals("ad2[0x1.0p0,-0x0.0p0]", encode(new double[] {1.0, -0.0})),
            () -> assertEquals("af1[0x1.0p-1]", encode(new float[] {0.5f})),
            () -> assertEquals("ac3:a,b", encode(new char[] {'a', ',', 'b'})),
            () -> assertEquals("a2[s1:a,n]", encode(new String[] {"a", null})),
            () -> assertEquals(encode(new int[] {1, 2}), encode(new int[] {1, 2})),
            () -> assertNotEquals(encode(new int[0]), encode(new long[0])),
            () -> assertEquals(encode(new String[] {"a"}), encode(new Object[] {"a"})),
            () -> assertNotEquals(encode(new Object[] {1, 2}), encode(List.of(1, 2))),
            () -> assertEquals("a2[ai1[1],n]", encode(new Object[] {new int[] {1}, null})));
    }

    @Test
    void encode_optional_wrapsTheValue() {
        assertAll(
            () -> assertEquals("o()", encode(Optional.empty())),
            () -> assertEquals("o(s1:a)", encode(Optional.of("a"))),
            () -> assertNotEquals(encode(Optional.empty()), encode(null)),
            () -> assertEquals("o(o(i:1))", encode(Optional.of(Optional.of(1)))));
    }

    @Test
    void encode_class_usesItsName() {
        assertAll(
            () -> assertEquals("k16:java.lang.String", encode(String.class)),
            () -> assertEquals("k3:int", encode(int.class)),
            () -> assertEquals("k2:[I", encode(int[].class)),
            () -> assertNotEquals(encode(String.class), encode("java.lang.String")));
    }

    @Test
    void encode_hiddenClass_isRejected() {
        Supplier<String> lambda = () -> "x";
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> encode(lambda.getClass()));
        assertTrue(e.getMessage().contains("hidden class"), e.getMessage());
    }

    @Test
    void encode_proxyClass_isRejected() {
        Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Serializable.class},
            (p, method, args) -> null);
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> encode(proxy.getClass()));
        assertTrue(e.getMessage().contains("proxy class"), e.getMessage());
    }

    @Test
    void encode_stableKey_usesItsStringWithoutClassName() {
        assertAll(
            () -> assertEquals("K4:c-42", encode(new CustomerId("c-42"))),
            () -> assertNotEquals(encode(new CustomerId("c-42")), encode("c-42")),
            () -> assertEquals("K2:eu", encode(Region.EUROPE)));
    }

    @Test
    void encode_stableKeyReturningNull_isRejected() {
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> encode(new NullKey()));
        assertTrue(e.getMessage().contains("stableKey() returned null"), e.getMessage());
        assertTrue(e.getMessage().contains(NullKey.class.getName()), e.getMessage());
    }

    @Test
    void encode_stableKeyThrowing_isRejectedWithTheCause() {
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> encode(List.of(new FailingKey())));
        assertTrue(e.getMessage().startsWith("cannot encode value[0] is a " + FailingKey.class.getName()
            + " whose stableKey() threw"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
    }

    @Test
    void encode_unsupportedValue_isRejectedNamingTypeAndPath() {
        Map<String, Object> attributes = new TreeMap<>();
        attributes.put("owner", new Account());
        Object value = List.of(1, new Pair("x", new Box(attributes)));
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> encode(value));
        assertEquals("cannot encode value[1].right.content[s5:owner] is a " + Account.class.getName()
            + ", which has no stable key encoding; implement " + StableKey.class.getName()
            + " on that type to make it usable in keys", e.getMessage());
    }

    @Test
    void encode_unsupportedJdkValues_areRejected() {
        for (Object value : List.of(new StringBuilder("a"), new Date(0), OptionalInt.of(1), new ArrayDeque<>(List.of(1)),
                new Object())) {
            KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> encode(value));
            assertTrue(e.getMessage().contains("is a " + value.getClass().getName() + ", which has no stable key encoding"),
                e.getMessage());
        }
    }

    @Test
    void encode_unsupportedSetElementOrMapKey_namesThePlace() {
        KeyEncodingException inSet = assertThrows(KeyEncodingException.class, () -> encode(Set.of(new Account())));
        KeyEncodingException inKey = assertThrows(KeyEncodingException.class, () -> encode(Map.of(new Account(), 1)));
        assertTrue(inSet.getMessage().startsWith("cannot encode value[element] is a"), inSet.getMessage());
        assertTrue(inKey.getMessage().startsWith("cannot encode value[key] is a"), inKey.getMessage());
    }

    @Test
    void encode_cyclicStructure_isRejectedInsteadOfOverflowing() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> encode(cycle));
        assertTrue(e.getMessage().contains("nested deeper than " + KeyEncoder.MAX_DEPTH + " levels"), e.getMessage());
    }

    @Test
    void encode_nestingUpToTheLimit_isAccepted() {
        Object value = "leaf";
        for (int i = 0; i < KeyEncoder.MAX_DEPTH; i++) {
            value = List.of(value);
        }
        Object deepest = value;
        assertTrue(encode(deepest).contains("s4:leaf"));
        assertThrows(KeyEncodingException.class, () -> encode(List.of(deepest)));
    }

    @Test
    void encode_sameValue_isStableAcrossCalls() {
        Object value = new Named("n", Color.GREEN);
        assertEquals(encode(value), encode(new Named("n", Color.GREEN)));
        assertSame(String.class, encode(value).getClass());
    }

    @Test
    void encode_unmodifiableWrappers_matchTheirContent() {
        List<Integer> list = new ArrayList<>(List.of(3, 1));
        assertEquals(encode(list), encode(Collections.unmodifiableList(list)));
        assertEquals(encode(Set.of(new Circle(1.0))), encode(Collections.singleton(new Circle(1.0))));
    }
}
