package org.dogpile.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BoundedKeysTest {

    private static final int MESSAGE_BOUND = 2_000;
    private static final String TEN_MB = "a".repeat(10 * 1024 * 1024);

    @SuppressWarnings("unused")
    private static String lookup(Object query, String region) {
        return null;
    }

    private static ArgumentKeys keys() {
        try {
            Method method = BoundedKeysTest.class.getDeclaredMethod("lookup", Object.class, String.class);
            return ArgumentKeys.forMethod(method, org.dogpile.DogpileKey.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void keyOf_tenMegabyteArgument_boundedReadableHashedKey() {
        ArgumentKeys keys = keys();
        long start = System.nanoTime();
        String key = keys.keyOf(new Object[] {TEN_MB, "EU"});
        System.out.println("10 MB argument: key of " + key.length() + " characters built in "
            + (System.nanoTime() - start) / 1_000_000 + " ms");

        assertTrue(key.length() <= KeyFormat.MAX_LENGTH, key);
        assertTrue(key.startsWith("1h:s10485760:aaaa"), key);
        assertTrue(key.matches("1h:s10485760:a+~[0-9a-f]{64}"), key);
        assertEquals(key, keys.keyOf(new Object[] {new String(TEN_MB.toCharArray()), "EU"}), "equal arguments, equal keys");
        assertNotEquals(key, keys.keyOf(new Object[] {TEN_MB, "US"}), "the hash covers the whole key");
    }

    @Test
    void keyOf_longArgumentsDifferingPastThePrefix_differentKeys() {
        ArgumentKeys keys = keys();
        Set<String> distinct = new HashSet<>();
        String base = "x".repeat(5_000);
        for (int i = 0; i < 1_000; i++) {
            StringBuilder variant = new StringBuilder(base);
            variant.setCharAt(200 + i, 'y'); // past the readable prefix
            distinct.add(keys.keyOf(new Object[] {variant.toString(), "EU"}));
        }
        assertEquals(1_000, distinct.size());
        String prefix = distinct.iterator().next().substring(0, KeyFormat.HASHED.length() + KeyFormat.PREFIX_LENGTH);
        assertTrue(distinct.stream().allMatch(k -> k.startsWith(prefix)), "precondition: the prefixes are equal");
    }

    @Test
    void keyOf_tenMegabyteArgumentBesideAnUnsupportedValue_boundedMessage() {
        ArgumentKeys keys = keys();
        List<Object> withUnsupported = List.of(TEN_MB, new StringBuilder("x"));
        KeyEncodingException e = assertThrows(KeyEncodingException.class,
            () -> keys.keyOf(new Object[] {withUnsupported, "EU"}));
        assertTrue(e.getMessage().length() < MESSAGE_BOUND, "message of " + e.getMessage().length() + " characters");

        Map<String, Object> keyedByHugeText = Map.of(TEN_MB, new StringBuilder("x"));
        e = assertThrows(KeyEncodingException.class, () -> keys.keyOf(new Object[] {keyedByHugeText, "EU"}));
        assertTrue(e.getMessage().length() < MESSAGE_BOUND, "message of " + e.getMessage().length() + " characters");

        StableKey throwing = () -> {
            throw new IllegalStateException(TEN_MB);
        };
        e = assertThrows(KeyEncodingException.class, () -> keys.keyOf(new Object[] {throwing, "EU"}));
        assertTrue(e.getMessage().length() < MESSAGE_BOUND, "message of " + e.getMessage().length() + " characters");
    }

    @Test
    void keyOf_sharedSubLists_stopAtTheBudgetQuickly() {
        Object shared = "leaf";
        for (int i = 0; i < 40; i++) {
            List<Object> level = new ArrayList<>();
            level.add(shared);
            level.add(shared);
            shared = level;
        }
        Object bomb = shared;
        long start = System.nanoTime();
        KeyEncodingException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(KeyEncodingException.class, () -> keys().keyOf(new Object[] {bomb, "EU"})));
        System.out.println("40 levels of shared sub-lists refused in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertTrue(e.getMessage().contains("holds more than " + KeyEncoder.MAX_VALUES + " values"), e.getMessage());
        assertTrue(e.getMessage().length() < MESSAGE_BOUND, "message of " + e.getMessage().length() + " characters");
    }

    @Test
    void keyOf_sharedSetsAndMaps_stopAtTheBudgetQuickly() {
        Object sets = "leaf";
        Object maps = "leaf";
        for (int i = 0; i < 30; i++) {
            sets = Set.of(List.of(1, sets), List.of(2, sets));
            Map<String, Object> level = new HashMap<>();
            level.put("a", maps);
            level.put("b", maps);
            maps = level;
        }
        for (Object bomb : List.of(sets, maps)) {
            long start = System.nanoTime();
            KeyEncodingException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(KeyEncodingException.class, () -> KeyEncoder.encode(bomb)));
            System.out.println("40 levels of shared " + bomb.getClass().getSimpleName() + " refused in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertTrue(e.getMessage().contains("holds more than " + KeyEncoder.MAX_VALUES + " values"), e.getMessage());
        }
    }

    @Test
    void keyOf_manyLongStrings_stopAtTheLengthBudget() {
        List<String> many = java.util.Collections.nCopies(2, TEN_MB);
        KeyEncodingException e = assertThrows(KeyEncodingException.class, () -> keys().keyOf(new Object[] {many, "EU"}));
        assertTrue(e.getMessage().contains("longer than " + KeyEncoder.MAX_ENCODED_LENGTH + " characters"), e.getMessage());
        assertTrue(e.getMessage().length() < MESSAGE_BOUND, "message of " + e.getMessage().length() + " characters");
    }

    @Test
    void keyFormat_boundaryAndMarkers() {
        String fits = "s" + (KeyFormat.MAX_LENGTH - 2 - 5) + ":" + "b".repeat(KeyFormat.MAX_LENGTH - 2 - 5);
        assertEquals(KeyFormat.MAX_LENGTH - 2, fits.length());
        assertEquals(KeyFormat.MAX_LENGTH, KeyFormat.of(fits).length());
        assertEquals("1:" + fits, KeyFormat.of(fits));
        String tooLong = fits + "b";
        String hashed = KeyFormat.of(tooLong);
        assertTrue(hashed.startsWith("1h:" + tooLong.substring(0, KeyFormat.PREFIX_LENGTH) + "~"), hashed);
        assertEquals(3 + KeyFormat.PREFIX_LENGTH + 1 + 64, hashed.length());
        assertEquals("1:", KeyFormat.of(""));
    }

    @Test
    void keyFormat_prefixNeverSplitsASurrogatePair() {
        String canonical = "s9999:" + "a".repeat(KeyFormat.PREFIX_LENGTH - 7) + "\uD83D\uDE00" + "z".repeat(400);
        assertTrue(Character.isHighSurrogate(canonical.charAt(KeyFormat.PREFIX_LENGTH - 1)), "precondition");
        String key = KeyFormat.of(canonical);
        String prefix = key.substring(3, key.indexOf('~'));
        assertEquals(KeyFormat.PREFIX_LENGTH - 1, prefix.length());
        assertTrue(prefix.chars().noneMatch(c -> Character.isSurrogate((char) c)), prefix);
    }
}
