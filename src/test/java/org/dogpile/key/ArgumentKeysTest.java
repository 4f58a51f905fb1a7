package org.dogpile.key;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import org.dogpile.DogpileKey;
import org.dogpile.key.Fixtures.Account;
import org.dogpile.key.Fixtures.Box;
import org.dogpile.key.Fixtures.Car;
import org.dogpile.key.Fixtures.Circle;
import org.dogpile.key.Fixtures.Color;
import org.dogpile.key.Fixtures.Customer;
import org.dogpile.key.Fixtures.CustomerId;
import org.dogpile.key.Fixtures.Named;
import org.dogpile.key.Fixtures.Node;
import org.dogpile.key.Fixtures.Order;
import org.dogpile.key.Fixtures.Point;
import org.dogpile.key.Fixtures.Shape;
import org.dogpile.key.Fixtures.Vehicle;
import org.junit.jupiter.api.Test;

class ArgumentKeysTest {

    /** Methods whose parameters the tests turn into keys; never called. */
    @SuppressWarnings("unused")
    static class Service {
        String noParameters() { return null; }

        String two(String region, int count) { return null; }

        String three(String a, String b, String c) { return null; }

        String annotated(@DogpileKey String region, Account ignored, @DogpileKey Color color) { return null; }

        String objects(Object filter, int page) { return null; }

        String account(String region, Account account) { return null; }

        String accountIgnored(@DogpileKey String region, Account account) { return null; }

        String customers(List<Customer> customers, Map<String, Account> byName, Account[] accounts) { return null; }

        String order(Order order) { return null; }

        String vehicle(Vehicle vehicle) { return null; }

        String supported(UUID id, BigDecimal amount, LocalDate day, ZoneId zone, DayOfWeek weekday, CustomerId customer,
                Point point, Named named, Node node, Shape shape, Optional<List<String>> tags, Set<Color> colors,
                Map<String, List<Integer>> matrix, int[] ints, String[][] grid, Class<?> type, char letter) {
            return null;
        }

        String open(Serializable serializable, Comparable<?> comparable, Number number, CharSequence text,
                Collection<String> collection, Temporal temporal, List<?> wildcard, Map<String, Object> attributes,
                Object[] objects, Box box) {
            return null;
        }

        <T> String generic(T value, List<? extends T> values) { return null; }

        <T extends Account> String boundedByUnsupported(T value) { return null; }

        String queue(Queue<String> queue) { return null; }
    }

    private static Method method(String name) {
        return Arrays.stream(Service.class.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    }

    private static ArgumentKeys keys(String name) {
        return ArgumentKeys.forMethod(method(name), DogpileKey.class);
    }

    @Test
    void forMethod_noAnnotation_allParametersFormTheKey() {
        ArgumentKeys keys = keys("two");
        assertArrayEquals(new int[] {0, 1}, keys.keyParameterIndexes());
        assertEquals("s2:EU|i:42", keys.keyOf(new Object[] {"EU", 42}));
    }

    @Test
    void forMethod_annotatedParameters_onlyThoseFormTheKey() {
        ArgumentKeys keys = keys("annotated");
        assertArrayEquals(new int[] {0, 2}, keys.keyParameterIndexes());
        String key = keys.keyOf(new Object[] {"EU", new Account(), Color.RED});
        assertEquals("s2:EU|" + KeyEncoder.encode(Color.RED), key);
        assertEquals(key, keys.keyOf(new Object[] {"EU", null, Color.RED}));
    }

    @Test
    void forMethod_noParameters_emptyKey() {
        ArgumentKeys keys = keys("noParameters");
        assertEquals(0, keys.keyParameterIndexes().length);
        assertEquals("", keys.keyOf(new Object[0]));
        assertEquals("", keys.keyOf(null));
    }

    @Test
    void forMethod_method_isTheGivenMethod() {
        Method method = method("two");
        assertSame(method, ArgumentKeys.forMethod(method, DogpileKey.class).method());
    }

    @Test
    void forMethod_unsupportedParameterType_failsNamingClassMethodAndParameter() {
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> keys("account"));
        String message = e.getMessage();
        assertAll(
            () -> assertTrue(message.startsWith("cannot build cache keys for " + Service.class.getName()
                + "#account(java.lang.String," + Account.class.getName() + "): "), message),
            () -> assertTrue(message.contains("parameter 1 (account: " + Account.class.getTypeName() + ")"), message),
            () -> assertTrue(message.contains(Account.class.getName() + " is not a supported key type"), message),
            () -> assertFalse(message.contains("parameter 0"), message),
            () -> assertTrue(message.contains("implement org.dogpile.key.StableKey"), message),
            () -> assertTrue(message.contains("@org.dogpile.DogpileKey"), message),
            () -> assertTrue(message.contains("custom key generator"), message));
    }

    @Test
    void forMethod_unsupportedTypeInsideCollectionsAndArrays_failsListingEveryParameter() {
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> keys("customers"));
        String message = e.getMessage();
        assertAll(
            () -> assertTrue(message.contains("parameter 0 (customers: java.util.List<" + Customer.class.getTypeName()
                + ">): " + Customer.class.getName() + " is not a supported key type (type argument of"), message),
            () -> assertTrue(message.contains("parameter 1 (byName: java.util.Map<java.lang.String, "
                + Account.class.getTypeName() + ">)"), message),
            () -> assertTrue(message.contains("parameter 2 (accounts: " + Account.class.getTypeName() + "[])"), message));
    }

    @Test
    void forMethod_unsupportedRecordComponent_failsNamingTheComponent() {
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> keys("order"));
        assertTrue(e.getMessage().contains("parameter 0 (order: " + Order.class.getTypeName() + "): "
            + Account.class.getName() + " is not a supported key type (component account of record "
            + Order.class.getName() + ")"), e.getMessage());
    }

    @Test
    void forMethod_sealedTypeWithUnsupportedSubtype_fails() {
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> keys("vehicle"));
        assertTrue(e.getMessage().contains("permitted subtype of sealed " + Vehicle.class.getName()), e.getMessage());
    }

    @Test
    void forMethod_typeVariableBoundByUnsupportedType_fails() {
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> keys("boundedByUnsupported"));
        assertTrue(e.getMessage().contains("parameter 0 (value: T)"), e.getMessage());
    }

    @Test
    void forMethod_queueParameter_fails() {
        assertThrows(KeyEncodingException.class, () -> keys("queue"));
    }

    @Test
    void forMethod_unsupportedTypeOnNonKeyParameter_isAccepted() {
        ArgumentKeys keys = keys("accountIgnored");
        assertEquals("s2:EU", keys.keyOf(new Object[] {"EU", new Account()}));
    }

    @Test
    void forMethod_supportedTypes_areAccepted() {
        ArgumentKeys keys = keys("supported");
        Object[] args = {UUID.fromString("00000000-0000-0001-0000-000000000002"), new BigDecimal("9.50"),
            LocalDate.of(2024, 1, 31), ZoneId.of("UTC"), DayOfWeek.FRIDAY, new CustomerId("c1"), new Point(1, 2),
            new Named("n", Color.BLUE), new Node(1, null), new Circle(2.0), Optional.of(List.of("t")), Set.of(Color.RED),
            Map.of("m", List.of(1)), new int[] {1}, new String[][] {{"g"}}, String.class, 'x'};
        String key = keys.keyOf(args);
        assertEquals(args.length, key.split("\\|").length, key);
        assertTrue(key.startsWith("u:00000000-0000-0001-0000-000000000002|bd:9.50|tld:2024-01-31|tzi3:UTC|"), key);
        assertTrue(key.endsWith("|a1[a1[s1:g]]|k16:java.lang.String|c1:x"), key);
    }

    @Test
    void forMethod_openTypes_areAcceptedAndCheckedPerCall() {
        ArgumentKeys keys = keys("open");
        Object[] args = {"s", 1, 2L, "text", List.of("c"), LocalDate.of(2024, 1, 1), List.of(1), Map.of("k", 1),
            new Object[] {1}, new Box(Color.RED)};
        assertEquals(10, keys.keyOf(args).split("\\|").length);
    }

    @Test
    void forMethod_genericParameters_areAcceptedAndCheckedPerCall() {
        ArgumentKeys keys = keys("generic");
        assertEquals("s1:a|L1[s1:b]", keys.keyOf(new Object[] {"a", List.of("b")}));
        assertThrows(KeyEncodingException.class, () -> keys.keyOf(new Object[] {new Account(), List.of()}));
    }

    @Test
    void keyOf_unsupportedRuntimeValue_failsNamingMethodParameterAndPath() {
        ArgumentKeys keys = keys("objects");
        Object filter = Map.of("owner", new Box(new StringBuilder("x")));
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> keys.keyOf(new Object[] {filter, 1}));
        assertEquals("cannot build the cache key for " + Service.class.getName() + "#objects(java.lang.Object,int): "
            + "parameter 0 (filter: java.lang.Object) cannot be encoded: filter[s5:owner].content is a "
            + "java.lang.StringBuilder, which has no stable key encoding; to fix it, implement "
            + "org.dogpile.key.StableKey on the unsupported type, annotate only the parameters that form the key "
            + "with @org.dogpile.DogpileKey, or use a custom key generator", e.getMessage());
    }

    @Test
    void keyOf_separatorsInsideArguments_doNotCollide() {
        ArgumentKeys keys = keys("three");
        List<Object[]> tricky = List.of(
            new Object[] {"a,b", "c", ""}, new Object[] {"a", "b,c", ""},
            new Object[] {"a|s1:b", "c", ""}, new Object[] {"a", "b|s1:c", ""},
            new Object[] {"a", "b", "c"}, new Object[] {"a|b", "", "c"},
            new Object[] {null, "null", "n"}, new Object[] {"null", null, "n"}, new Object[] {"n", null, "null"},
            new Object[] {"s1:a", "", ""}, new Object[] {"", "s1:a", ""});
        Set<String> distinct = new java.util.HashSet<>();
        for (Object[] args : tricky) {
            distinct.add(keys.keyOf(args));
        }
        assertEquals(tricky.size(), distinct.size(), distinct.toString());
        assertNotEquals(keys("objects").keyOf(new Object[] {1, 1}), keys("objects").keyOf(new Object[] {1L, 1}));
    }

    @Test
    void keyOf_wrongArgumentCount_fails() {
        ArgumentKeys keys = keys("two");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> keys.keyOf(new Object[] {"a"}));
        assertTrue(e.getMessage().startsWith("expected 2 arguments for " + Service.class.getName() + "#two("),
            e.getMessage());
        assertFalse(e instanceof KeyEncodingException);
    }

    @Test
    void keyParameterIndexes_returnsACopy() {
        ArgumentKeys keys = keys("two");
        keys.keyParameterIndexes()[0] = 7;
        assertArrayEquals(new int[] {0, 1}, keys.keyParameterIndexes());
    }

    @Test
    void toString_namesMethodAndKeyParameters() {
        assertEquals("ArgumentKeys[" + Service.class.getName() + "#annotated(java.lang.String,"
            + Account.class.getName() + "," + Color.class.getName() + "), key parameters [0, 2]]",
            keys("annotated").toString());
    }

    @Test
    void isEncodable_declaredTypes_matchTheDocumentedRules() {
        Method supported = method("supported");
        for (Type type : supported.getGenericParameterTypes()) {
            assertTrue(KeyEncoder.isEncodable(type), type.getTypeName());
        }
        Method open = method("open");
        for (Type type : open.getGenericParameterTypes()) {
            assertTrue(KeyEncoder.isEncodable(type), type.getTypeName());
        }
        for (Type type : method("customers").getGenericParameterTypes()) {
            assertFalse(KeyEncoder.isEncodable(type), type.getTypeName());
        }
        assertAll(
            () -> assertTrue(KeyEncoder.isEncodable(Object.class)),
            () -> assertTrue(KeyEncoder.isEncodable(Enum.class)),
            () -> assertTrue(KeyEncoder.isEncodable(Record.class)),
            () -> assertTrue(KeyEncoder.isEncodable(long.class)),
            () -> assertFalse(KeyEncoder.isEncodable(void.class)),
            () -> assertFalse(KeyEncoder.isEncodable(Account.class)),
            () -> assertFalse(KeyEncoder.isEncodable(Customer.class)),
            () -> assertFalse(KeyEncoder.isEncodable(ArrayDeque.class)),
            () -> assertFalse(KeyEncoder.isEncodable(Runnable.class)),
            () -> assertTrue(KeyEncoder.isEncodable(Car.class)));
    }
}
