package org.dogpile.key;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.dogpile.key.Fixtures.Color;
import org.dogpile.key.Fixtures.CustomerId;
import org.dogpile.key.Fixtures.Named;
import org.dogpile.key.Fixtures.Pair;
import org.dogpile.key.Fixtures.Point;
import org.dogpile.key.Fixtures.Shade;

/**
 * Random argument tuples drawn from small domains, so that near-misses (same text, other type or
 * split) and exact repeats are frequent. The values depend only on the {@link Random}'s sequence, so
 * a seed gives the same tuples in every JVM; their hashed collections still iterate in an order that
 * depends on the JVM (enums and records holding enums hash by identity).
 */
final class RandomArguments {

    /** Methods of every arity from 1 to 4, all of whose parameters form the key. */
    @SuppressWarnings("unused")
    static final class Arities {
        void one(Object a) { }

        void two(Object a, Object b) { }

        void three(Object a, Object b, Object c) { }

        void four(Object a, Object b, Object c, Object d) { }
    }

    private static final List<ArgumentKeys> BY_ARITY = List.of(
        keys("one", 1), keys("two", 2), keys("three", 3), keys("four", 4));

    private static final String ALPHABET = "|,:=()[]{}nsiLSMrxK01 ab\u00e9\u4e16\uD83D\uDE00";
    private static final String[] WORDS = {"null", "n", "s1:a", "a|s1:b", "i:1", "1", "", "RED", "a,b"};
    private static final Object[] DOUBLES = {0.0, -0.0, 1.0, 0.1, Double.NaN, 1e300, 1.0f, 0.5f};
    private static final BigDecimal[] DECIMALS = {
        new BigDecimal("1"), new BigDecimal("1.0"), new BigDecimal("1.00"), new BigDecimal("10"), new BigDecimal("1E+1")};
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Random random;
    private final boolean withArrays;

    /**
     * @param random the source of randomness
     * @param withArrays whether values may be arrays (whose {@code equals} is identity, so tuples
     *     holding them cannot be compared with {@code List.equals})
     */
    RandomArguments(Random random, boolean withArrays) {
        this.random = random;
        this.withArrays = withArrays;
    }

    private static ArgumentKeys keys(String name, int arity) {
        Class<?>[] parameters = new Class<?>[arity];
        Arrays.fill(parameters, Object.class);
        try {
            Method method = Arities.class.getDeclaredMethod(name, parameters);
            return ArgumentKeys.forMethod(method, org.dogpile.DogpileKey.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** The key of a tuple of 1 to 4 arguments, built by the method of that arity. */
    static String keyOf(List<Object> tuple) {
        return BY_ARITY.get(tuple.size() - 1).keyOf(tuple.toArray());
    }

    /** A tuple of 1 to 4 values, nested up to 3 levels deep. */
    List<Object> tuple() {
        int size = 1 + random.nextInt(4);
        List<Object> tuple = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            tuple.add(value(3));
        }
        return tuple;
    }

    Object value(int depth) {
        if (depth == 0 || random.nextInt(3) > 0) {
            return leaf();
        }
        switch (random.nextInt(withArrays ? 10 : 9)) {
            case 0:
                return list(depth - 1);
            case 1: {
                int size = random.nextInt(4);
                Set<Object> set = new HashSet<>(1 + random.nextInt(64));
                for (int i = 0; i < size; i++) {
                    set.add(value(depth - 1));
                }
                return set;
            }
            case 2: {
                int size = random.nextInt(4);
                Map<Object, Object> map = new HashMap<>(1 + random.nextInt(64));
                for (int i = 0; i < size; i++) {
                    map.put(value(depth - 1), value(depth - 1));
                }
                return map;
            }
            case 3: {
                Set<Color> colors = new HashSet<>();
                for (int i = random.nextInt(Color.values().length); i > 0; i--) {
                    colors.add(color());
                }
                return colors;
            }
            case 4: {
                Map<Color, Object> map = random.nextBoolean() ? new HashMap<>() : new EnumMap<>(Color.class);
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(color(), value(depth - 1));
                }
                return map;
            }
            case 5:
                return new Pair(value(depth - 1), value(depth - 1));
            case 6:
                return new Named(string(), color());
            case 7:
                return new Point(random.nextInt(3), random.nextInt(3));
            case 8:
                return Optional.ofNullable(value(depth - 1));
            default:
                return random.nextBoolean() ? new int[] {random.nextInt(3), random.nextInt(3)} : list(depth - 1).toArray();
        }
    }

    private List<Object> list(int depth) {
        int size = random.nextInt(4);
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(value(depth));
        }
        return list;
    }

    private Object leaf() {
        switch (random.nextInt(20)) {
            case 0: case 1: case 2: case 3: case 4:
                return string();
            case 5: case 6:
                return random.nextInt(15) - 2;
            case 7:
                return (long) (random.nextInt(15) - 2);
            case 8:
                return random.nextLong();
            case 9:
                return random.nextBoolean() ? (Object) (short) random.nextInt(3) : (Object) (byte) random.nextInt(3);
            case 10:
                return ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            case 11:
                return random.nextBoolean();
            case 12:
                return DOUBLES[random.nextInt(DOUBLES.length)];
            case 13:
                return random.nextBoolean() ? DECIMALS[random.nextInt(DECIMALS.length)]
                    : BigDecimal.valueOf(random.nextInt(200) - 100, random.nextInt(3));
            case 14:
                return time();
            case 15: case 16:
                return color();
            case 17:
                return random.nextBoolean() ? Shade.RED : Shade.DARK;
            case 18:
                return new CustomerId(string());
            default:
                return null;
        }
    }

    private Object time() {
        switch (random.nextInt(6)) {
            case 0:
                return new UUID(random.nextInt(2), random.nextInt(2));
            case 1:
                return LocalDate.of(2024, 1, 1 + random.nextInt(3));
            case 2:
                return Instant.ofEpochSecond(random.nextInt(3), random.nextInt(2) * 500_000_000);
            case 3:
                return ZonedDateTime.of(2024, 3, 31, random.nextInt(4), 0, 0, 0, PARIS);
            case 4:
                return Duration.ofMillis(random.nextInt(2001));
            default:
                return BigInteger.valueOf(random.nextInt(3)).shiftLeft(random.nextInt(2) * 70);
        }
    }

    private Color color() {
        return Color.values()[random.nextInt(Color.values().length)];
    }

    private String string() {
        if (random.nextInt(4) == 0) {
            return WORDS[random.nextInt(WORDS.length)];
        }
        int length = random.nextInt(5);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
