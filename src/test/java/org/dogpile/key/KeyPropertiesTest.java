package org.dogpile.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.dogpile.key.Fixtures.Color;
import org.dogpile.key.Fixtures.CustomerId;
import org.dogpile.key.Fixtures.Named;
import org.dogpile.key.Fixtures.Pair;
import org.dogpile.key.Fixtures.Point;
import org.dogpile.key.Fixtures.Shade;

/**
 * Properties of argument keys over random argument tuples: distinct tuples never share a key, equal
 * tuples always do, whatever the implementation and iteration order of their sets and maps, and every
 * key follows the documented grammar. (jqwik properties only: surefire's per-class summary miscounts
 * classes that mix jqwik and Jupiter tests.)
 *
 * <p>Tuples are drawn from small domains (short strings over the grammar's own separators and tag
 * letters, small numbers of several types, enums sharing constant names, nested collections and
 * records) so that near-misses and exact repeats are frequent.
 */
class KeyPropertiesTest {

    private static final int TUPLES = 100_000;

    /** State across the tries of one property (static: whatever instance each try runs on). */
    private static final Map<String, List<Object>> tupleByKey = new HashMap<>();
    private static final Map<List<Object>, String> keyByTuple = new HashMap<>();
    private static int tries;

    private static String keyOf(List<Object> tuple) {
        return RandomArguments.keyOf(tuple);
    }

    @Property(tries = TUPLES, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.OFF,
        afterFailure = AfterFailureMode.RANDOM_SEED)
    void keyOf_randomTuples_equalKeysExactlyForEqualTuples(@ForAll("seededTuples") List<Object> tuple) {
        String key = keyOf(tuple);
        List<Object> earlier = tupleByKey.putIfAbsent(key, tuple);
        String earlierKey = keyByTuple.putIfAbsent(tuple, key);
        if (earlier != null && !earlier.equals(tuple)) {
            throw new AssertionError("collision: " + earlier + " and " + tuple + " both have key " + key);
        }
        if (earlierKey != null && !earlierKey.equals(key)) {
            throw new AssertionError("equal tuples " + tuple + " got keys " + earlierKey + " and " + key);
        }
        tries++;
    }

    @BeforeProperty
    void startAfresh() {
        tupleByKey.clear();
        keyByTuple.clear();
        tries = 0;
    }

    @AfterProperty
    void checkTheRunWasMeaningful() {
        if (tries == TUPLES) { // only after the tuple property, and only if it passed
            assertEquals(keyByTuple.size(), tupleByKey.size(), "distinct tuples and distinct keys");
            assertTrue(tupleByKey.size() > TUPLES / 2, "too few distinct tuples: " + tupleByKey.size());
            assertTrue(tupleByKey.size() < TUPLES, "no tuple was repeated, so key equality went untested");
        }
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE, afterFailure = AfterFailureMode.RANDOM_SEED)
    void keyOf_tupleRebuiltWithOtherHashLayouts_sameKey(@ForAll("anyTuples") List<Object> tuple, @ForAll long seed) {
        List<Object> copy = rebuild(tuple, new Random(seed));
        assertEquals(tuple, copy, "precondition: the rebuilt tuple is equal");
        assertEquals(keyOf(tuple), keyOf(copy));
    }

    @Property(tries = 20_000, afterFailure = AfterFailureMode.RANDOM_SEED)
    void keyOf_randomArrays_equalKeysExactlyForDeepEqualArrays(@ForAll("arrays") Object first,
            @ForAll("arrays") Object second) {
        Object[] a = {first};
        Object[] b = {second};
        assertEquals(Arrays.deepEquals(a, b), keyOf(Arrays.asList(a)).equals(keyOf(Arrays.asList(b))),
            () -> KeyEncoder.encode(first) + " vs " + KeyEncoder.encode(second));
    }

    @Property(tries = 20_000, edgeCases = EdgeCasesMode.NONE, afterFailure = AfterFailureMode.RANDOM_SEED)
    void keyOf_randomTuplesWithArrays_followTheGrammar(@ForAll("seededTuplesWithArrays") List<Object> tuple) {
        String key = keyOf(tuple);
        String canonical = tuple.stream().map(KeyEncoder::encode).collect(Collectors.joining("|"));
        assertEquals(KeyFormat.of(canonical), key);
        assertTrue(key.length() <= KeyFormat.MAX_LENGTH, key);
        assertEquals(tuple.size(), KeyGrammar.checkCanonical(canonical));
    }

    /** Tuples built from jqwik's random source by {@link RandomArguments}: fast enough for 100,000 tries. */
    @Provide
    Arbitrary<List<Object>> seededTuples() {
        return Arbitraries.randomValue(random -> new RandomArguments(random, false).tuple());
    }

    /** Like {@link #seededTuples()}, with arrays too. */
    @Provide
    Arbitrary<List<Object>> seededTuplesWithArrays() {
        return Arbitraries.randomValue(random -> new RandomArguments(random, true).tuple());
    }

    /** Tuples composed from jqwik arbitraries (shrinkable), or built by {@link RandomArguments}. */
    @Provide
    Arbitrary<List<Object>> anyTuples() {
        return Arbitraries.oneOf(value(2).list().ofMinSize(1).ofMaxSize(4), seededTuples());
    }

    @Provide
    Arbitrary<Object> arrays() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 2);
        Arbitrary<String> text = Arbitraries.of("", "a", "1", ",");
        return Arbitraries.oneOf(
            small.array(int[].class).ofMaxSize(2).map(Object.class::cast),
            small.map(Integer::longValue).array(long[].class).ofMaxSize(2).map(Object.class::cast),
            text.array(String[].class).ofMaxSize(2).map(Object.class::cast),
            Arbitraries.oneOf(text, small).array(Object[].class).ofMaxSize(2).map(Object.class::cast),
            text.map(String::toCharArray).map(Object.class::cast),
            small.map(i -> new int[][] {{i}}).map(Object.class::cast));
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.frequencyOf(
            Tuple.of(6, strings().map(Object.class::cast)),
            Tuple.of(3, Arbitraries.integers().between(-2, 12).map(Object.class::cast)),
            Tuple.of(2, Arbitraries.longs().between(-2, 12).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.longs().map(Object.class::cast)),
            Tuple.of(1, Arbitraries.shorts().between((short) 0, (short) 3).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.bytes().between((byte) 0, (byte) 3).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.chars().with("1an|,:s").map(Object.class::cast)),
            Tuple.of(1, Arbitraries.of(true, false).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.of(0.0, -0.0, 1.0, 0.1, Double.NaN, 1e300).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.of(1.0f, 0.5f).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.of(new BigDecimal("1"), new BigDecimal("1.0"), new BigDecimal("1.00"),
                new BigDecimal("10"), new BigDecimal("1E+1")).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.of(new UUID(0, 1), new UUID(1, 0)).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2))
                .map(Object.class::cast)),
            Tuple.of(3, Arbitraries.of(Color.class).map(Object.class::cast)),
            Tuple.of(2, Arbitraries.of(Shade.class).map(Object.class::cast)),
            Tuple.of(1, strings().map(CustomerId::new).map(Object.class::cast)),
            Tuple.of(2, Arbitraries.just(null)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> inner = value(depth - 1);
        return Arbitraries.frequencyOf(
            Tuple.of(12, leaf),
            Tuple.of(2, inner.list().ofMaxSize(3).map(Object.class::cast)),
            Tuple.of(2, inner.set().ofMaxSize(3).map(Object.class::cast)),
            Tuple.of(2, Arbitraries.maps(inner, inner).ofMaxSize(3).map(Object.class::cast)),
            Tuple.of(1, Combinators.combine(inner, inner).as(Pair::new).map(Object.class::cast)),
            Tuple.of(1, Combinators.combine(strings(), Arbitraries.of(Color.class)).as(Named::new)
                .map(Object.class::cast)),
            Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2)).as(Point::new).map(Object.class::cast)),
            Tuple.of(1, inner.map(Optional::ofNullable).map(Object.class::cast)));
    }

    /** Short strings over separators, tag letters, digits, accents, emoji halves and whole emoji. */
    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
            Arbitraries.strings().withChars("|,:=()[]{}nsiLSMrx01 ").ofMaxLength(4),
            Arbitraries.strings().withChars("ab\u00e9\u4e16\uD83D\uDE00").ofMaxLength(3),
            Arbitraries.of("null", "n", "s1:a", "a|s1:b", "i:1", "1", "", "RED"));
    }

    /** A deep copy in which every set and map is rebuilt with another capacity and insertion order. */
    @SuppressWarnings("unchecked")
    private static <T> T rebuild(T value, Random random) {
        Object copy;
        if (value instanceof List<?> list) {
            List<Object> rebuilt = random.nextBoolean() ? new ArrayList<>() : new LinkedList<>();
            list.forEach(element -> rebuilt.add(rebuild(element, random)));
            copy = rebuilt;
        } else if (value instanceof Set<?> set) {
            List<Object> elements = new ArrayList<>();
            set.forEach(element -> elements.add(rebuild(element, random)));
            Collections.shuffle(elements, random);
            Set<Object> rebuilt = random.nextBoolean() ? new HashSet<>(1 + random.nextInt(1024)) : new LinkedHashSet<>();
            rebuilt.addAll(elements);
            copy = rebuilt;
        } else if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            Collections.shuffle(entries, random);
            Map<Object, Object> rebuilt = random.nextBoolean() ? new HashMap<>(1 + random.nextInt(1024)) : new LinkedHashMap<>();
            entries.forEach(entry -> rebuilt.put(rebuild(entry.getKey(), random), rebuild(entry.getValue(), random)));
            copy = rebuilt;
        } else if (value instanceof Pair pair) {
            copy = new Pair(rebuild(pair.left(), random), rebuild(pair.right(), random));
        } else if (value instanceof Optional<?> optional) {
            copy = optional.map(inner -> rebuild(inner, random));
        } else {
            copy = value;
        }
        return (T) copy;
    }
}
