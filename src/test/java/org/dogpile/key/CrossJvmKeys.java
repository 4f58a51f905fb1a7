package org.dogpile.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Encodes a seeded set of argument tuples and prints a fingerprint of the keys: run in two JVMs, the
 * outputs must be identical. Used by {@link CrossJvmKeysTest} as the child process's main class.
 *
 * <p>Usage: {@code CrossJvmKeys <seed> <tuples> <identity hash codes to draw first>}.
 */
public final class CrossJvmKeys {

    private CrossJvmKeys() {
    }

    /**
     * Prints the fingerprint of {@code tuples} tuples drawn with {@code seed}, after drawing some
     * identity hash codes so that this JVM's differ from any other's.
     *
     * @param args seed, number of tuples, number of identity hash codes to draw first
     */
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int tuples = Integer.parseInt(args[1]);
        int perturbation = Integer.parseInt(args[2]);
        int sink = 0;
        for (int i = 0; i < perturbation; i++) {
            sink ^= new Object().hashCode();
        }
        String fingerprint = fingerprint(seed, tuples);
        System.out.print(fingerprint);
        System.out.flush();
        System.err.println("drew " + perturbation + " identity hash codes (" + sink + ")");
    }

    /**
     * @return lines {@code tuples=}, {@code keys=} (SHA-256 of all keys, one per line),
     *     {@code sample=} (every 1000th key, non-ASCII escaped) and {@code iteration=} (SHA-256 of the
     *     tuples' {@code toString()}, which follows the JVM-specific iteration order of hashed
     *     collections of enums)
     */
    static String fingerprint(long seed, int tuples) {
        RandomArguments arguments = new RandomArguments(new Random(seed), true);
        MessageDigest keys = sha256();
        MessageDigest iteration = sha256();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tuples; i++) {
            List<Object> tuple = arguments.tuple();
            String key = RandomArguments.keyOf(tuple);
            keys.update((key + "\n").getBytes(StandardCharsets.UTF_8));
            iteration.update((tuple + "\n").getBytes(StandardCharsets.UTF_8));
            if (i % 1000 == 0) {
                out.append("sample=").append(escape(key)).append('\n');
            }
        }
        return "tuples=" + tuples + "\n"
            + "keys=" + HexFormat.of().formatHex(keys.digest()) + "\n"
            + out
            + longKeys(new Random(seed))
            + "iteration=" + HexFormat.of().formatHex(iteration.digest()) + "\n";
    }

    /**
     * Keys too long to be stored as they are (hashed by {@link KeyFormat}): long random texts with
     * hashed collections of enums, whose iteration order differs between JVMs.
     *
     * @return lines {@code long-keys=} (SHA-256 of the keys) and {@code long-sample=} (the first one)
     */
    private static String longKeys(Random random) {
        MessageDigest digest = sha256();
        String first = null;
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            int length = 250 + random.nextInt(5000);
            for (int c = 0; c < length; c++) {
                text.append((char) (0x20 + random.nextInt(0x3000)));
            }
            java.util.Set<Fixtures.Color> colors = new java.util.HashSet<>();
            java.util.Map<Fixtures.Color, Integer> counts = new java.util.HashMap<>();
            for (Fixtures.Color color : Fixtures.Color.values()) {
                if (random.nextBoolean()) {
                    colors.add(color);
                    counts.put(color, random.nextInt());
                }
            }
            String key = RandomArguments.keyOf(List.of(text.toString(), colors, counts));
            if (!key.startsWith(KeyFormat.HASHED) || key.length() > KeyFormat.MAX_LENGTH) {
                throw new IllegalStateException("expected a hashed key, got " + key.length() + " characters");
            }
            digest.update((key + "\n").getBytes(StandardCharsets.UTF_8));
            if (first == null) {
                first = key;
            }
        }
        return "long-keys=" + HexFormat.of().formatHex(digest.digest()) + "\nlong-sample=" + escape(first) + "\n";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
