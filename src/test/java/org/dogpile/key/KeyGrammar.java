package org.dogpile.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recognizer for the key grammar documented in {@link KeyEncoder}: checks that a key is a
 * {@code "|"}-separated sequence of well-formed values, that every length and count is right, and that
 * set elements and map entries come in canonical (sorted) order. Reading each value needs no lookahead
 * beyond its own tag, which is what makes the encoding self-delimiting.
 */
final class KeyGrammar {

    private static final Set<String> ATOM_TAGS = Set.of(
        "z", "b", "h", "i", "j", "f", "d", "u", "bd", "bi",
        "ti", "tld", "tlt", "tldt", "todt", "tot", "tdu", "tpe", "tzo", "tyr", "tym", "tmd");
    private static final Set<String> STR_TAGS = Set.of("c", "s", "e", "k", "K", "tzdt", "tzi", "ac");
    private static final Set<String> PRIMITIVE_ARRAY_TAGS = Set.of("az", "ab", "ah", "ai", "aj", "af", "ad");

    private final String key;
    private int at;

    private KeyGrammar(String key) {
        this.key = key;
    }

    /**
     * @param key a key built by {@link ArgumentKeys} (not a hashed one), or an encoding by {@link KeyEncoder}
     * @return the number of top-level values
     * @throws AssertionError naming the position where the key departs from the grammar
     */
    static int check(String key) {
        if (key.startsWith(KeyFormat.HASHED)) {
            throw new AssertionError("a hashed key has no grammar to check: " + key);
        }
        return checkCanonical(key.startsWith(KeyFormat.PLAIN) ? key.substring(KeyFormat.PLAIN.length()) : key);
    }

    /**
     * @param key a canonical encoding, without the format version
     * @return the number of top-level values
     */
    static int checkCanonical(String key) {
        KeyGrammar grammar = new KeyGrammar(key);
        if (key.isEmpty()) {
            return 0;
        }
        int values = 1;
        grammar.value();
        while (grammar.at < key.length()) {
            grammar.expect('|');
            grammar.value();
            values++;
        }
        return values;
    }

    private void value() {
        String tag = letters();
        if (tag.equals("n")) {
            return;
        }
        if (tag.equals("o")) {
            expect('(');
            if (peek() != ')') {
                value();
            }
            expect(')');
        } else if (ATOM_TAGS.contains(tag)) {
            expect(':');
            atom();
        } else if (STR_TAGS.contains(tag)) {
            str(false);
        } else if (tag.endsWith("x") && STR_TAGS.contains(tag.substring(0, tag.length() - 1))) {
            str(true);
        } else if (tag.equals("r") || tag.equals("rx")) {
            str(tag.equals("rx"));
            expect('(');
            if (peek() != ')') {
                values(',', ')');
            }
            expect(')');
        } else if (tag.equals("L") || tag.equals("a")) {
            int count = count();
            expect('[');
            assertCount(count, count == 0 ? 0 : values(',', ']').size());
            expect(']');
        } else if (tag.equals("S")) {
            int count = count();
            expect('{');
            List<String> elements = count == 0 ? List.of() : values(',', '}');
            assertCount(count, elements.size());
            assertSorted(elements);
            expect('}');
        } else if (tag.equals("M")) {
            map();
        } else if (PRIMITIVE_ARRAY_TAGS.contains(tag)) {
            int count = count();
            expect('[');
            int atoms = 0;
            while (count > 0 && peek() != ']') {
                if (atoms > 0) {
                    expect(',');
                }
                atom();
                atoms++;
            }
            assertCount(count, atoms);
            expect(']');
        } else {
            throw fail("unknown tag '" + tag + "'");
        }
    }

    private void map() {
        int count = count();
        expect('{');
        List<String> keys = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        while (count > 0 && peek() != '}') {
            if (!keys.isEmpty()) {
                expect(',');
            }
            int start = at;
            value();
            String entryKey = key.substring(start, at);
            expect('=');
            int valueStart = at;
            value();
            keys.add(entryKey);
            entries.add(entryKey + "\u0000" + key.substring(valueStart, at));
        }
        assertCount(count, keys.size());
        for (int i = 1; i < entries.size(); i++) {
            String[] previous = entries.get(i - 1).split("\u0000", -1);
            String[] current = entries.get(i).split("\u0000", -1);
            int order = previous[0].compareTo(current[0]);
            if (order > 0 || order == 0 && previous[1].compareTo(current[1]) > 0) {
                throw fail("map entries out of order");
            }
        }
        expect('}');
    }

    /** Values separated by {@code separator}, up to (not including) {@code end}; returns their text. */
    private List<String> values(char separator, char end) {
        List<String> values = new ArrayList<>();
        do {
            if (!values.isEmpty()) {
                expect(separator);
            }
            int start = at;
            value();
            values.add(key.substring(start, at));
        } while (peek() != end);
        return values;
    }

    private void str(boolean hex) {
        int count = count();
        expect(':');
        int length = hex ? 4 * count : count;
        if (at + length > key.length()) {
            throw fail("text of " + count + " units runs past the end");
        }
        String text = key.substring(at, at + length);
        if (hex) {
            if (!text.matches("[0-9a-f]*")) {
                throw fail("bad hex text");
            }
        } else if (!isWellFormed(text)) {
            throw fail("text with an unpaired surrogate not in hex");
        }
        at += length;
    }

    private void atom() {
        int start = at;
        while (at < key.length() && isAtomChar(key.charAt(at))) {
            at++;
        }
        if (at == start) {
            throw fail("empty atom");
        }
    }

    private String letters() {
        int start = at;
        while (at < key.length() && (key.charAt(at) >= 'a' && key.charAt(at) <= 'z'
                || key.charAt(at) >= 'A' && key.charAt(at) <= 'Z')) {
            at++;
        }
        if (at == start) {
            throw fail("expected a tag");
        }
        return key.substring(start, at);
    }

    private int count() {
        int start = at;
        while (at < key.length() && Character.isDigit(key.charAt(at)) && key.charAt(at) < 128) {
            at++;
        }
        String digits = key.substring(start, at);
        if (digits.isEmpty() || digits.length() > 1 && digits.charAt(0) == '0') {
            throw fail("bad count '" + digits + "'");
        }
        return Integer.parseInt(digits);
    }

    private char peek() {
        if (at >= key.length()) {
            throw fail("unexpected end");
        }
        return key.charAt(at);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        at++;
    }

    private void assertCount(int declared, int actual) {
        if (declared != actual) {
            throw fail("count " + declared + " but " + actual + " elements");
        }
    }

    private void assertSorted(List<String> elements) {
        for (int i = 1; i < elements.size(); i++) {
            if (elements.get(i - 1).compareTo(elements.get(i)) > 0) {
                throw fail("set elements out of order");
            }
        }
    }

    private static boolean isAtomChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || c == '.' || c == ':' || c == '+' || c == '-';
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private AssertionError fail(String problem) {
        return new AssertionError(problem + " at " + at + " in key: " + key);
    }
}
