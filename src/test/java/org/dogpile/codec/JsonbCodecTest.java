package org.dogpile.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.dogpile.codec.gadget.Gadget;
import org.dogpile.codec.values.Offer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class JsonbCodecTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final JsonbCodec codec = new JsonbCodec(JSONB, returnType(), 1_000_000);

    @SuppressWarnings("unused")
    private static List<Offer> offers() {
        return null;
    }

    private static Type returnType() {
        try {
            return JsonbCodecTest.class.getDeclaredMethod("offers").getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void roundTrip_listOfNonSerializableRecords() {
        List<Offer> offers = List.of(new Offer("a", new BigDecimal("1.50"), LocalDate.of(2026, 2, 3), List.of("x", "y")),
            new Offer("b", BigDecimal.TEN, LocalDate.of(2027, 1, 1), List.of()));
        byte[] bytes = codec.encode(offers);
        assertEquals(offers, codec.decode(bytes));
        assertEquals("jsonb", codec.id());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"sku\":\"a\""));
    }

    @Test
    void decode_jsonNamingAnotherClass_buildsOnlyTheDeclaredType() {
        Gadget.EXECUTED.set(0);
        byte[] hostile = ("[{\"@class\":\"org.dogpile.codec.gadget.Gadget\",\"command\":\"x\",\"sku\":\"s\"}]")
            .getBytes(StandardCharsets.UTF_8);
        List<?> decoded = (List<?>) codec.decode(hostile);
        assertEquals(Offer.class, decoded.get(0).getClass());
        assertEquals(0, Gadget.EXECUTED.get());
    }

    @Test
    void decode_garbageNullOrTooLong_valueDecodingException() {
        for (String bad : List.of("{not json", "{\"sku\":1}", "null", "[1,2]", "\u0000\u0001")) {
            ValueDecodingException e = assertThrows(ValueDecodingException.class,
                () -> codec.decode(bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertFalse(e.getMessage().contains(bad), "the message never carries stored content: " + e.getMessage());
        }
        JsonbCodec small = new JsonbCodec(JSONB, returnType(), 10);
        ValueDecodingException e = assertThrows(ValueDecodingException.class,
            () -> small.decode("[{\"sku\":\"abcdef\"}]".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("over the limit of 10"), e.getMessage());
    }

    @Test
    void encode_unmappableValue_valueEncodingExceptionNamingTheType() {
        JsonbCodec broken = new JsonbCodec(JSONB, Broken.class, 1000);
        ValueEncodingException e = assertThrows(ValueEncodingException.class, () -> broken.encode(new Broken("a")));
        assertTrue(e.getMessage().contains(Broken.class.getName()), e.getMessage());
    }

    /**
     * A value JSON-B cannot write: its accessor throws.
     *
     * @param text text
     */
    public record Broken(String text) {
        /** @return never */
        @Override
        public String text() {
            throw new IllegalStateException("unreadable");
        }
    }
}
