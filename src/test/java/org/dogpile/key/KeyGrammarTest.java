package org.dogpile.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.dogpile.key.Fixtures.Color;
import org.dogpile.key.Fixtures.CustomerId;
import org.dogpile.key.Fixtures.Empty;
import org.dogpile.key.Fixtures.Node;
import org.dogpile.key.Fixtures.Shade;
import org.junit.jupiter.api.Test;

/**
 * Keys follow the grammar documented in {@link KeyEncoder}, checked by an independent recognizer
 * (random keys are checked in {@link KeyPropertiesTest}).
 */
class KeyGrammarTest {

    @Test
    void encode_everySupportedKind_followsTheGrammar() {
        List<Object> values = Arrays.asList(null, true, (byte) 1, (short) 2, 3, 4L, 5.5f, -0.0, Double.NaN, 'c', '\uD800',
            "s|,=)]}", "a\uDC00", UUID.randomUUID(), new BigDecimal("-1.50E-7"), BigInteger.TEN.pow(30),
            Instant.now(), LocalDate.now(), LocalTime.now(), LocalDateTime.now(), OffsetDateTime.now(),
            OffsetTime.now(), ZonedDateTime.now(ZoneId.of("America/New_York")), Duration.ofNanos(-1), Period.ofWeeks(3),
            ZoneId.of("Asia/Tokyo"), ZoneOffset.ofHoursMinutes(-3, -30), Year.of(-44), YearMonth.of(12345, 6),
            MonthDay.of(2, 29), Color.RED, Shade.DARK, String.class, new CustomerId("k|1"), Optional.empty(),
            Optional.of(List.of()), new Node(1, new Node(2, null)), new Empty(), List.of(Set.of(), Map.of()),
            Set.of("b", "a", "c"), Map.of(2, "x", 1, "y"), new Object[] {new int[0], new long[] {-1}},
            new boolean[] {true}, new byte[] {-1}, new short[] {1}, new float[] {Float.NaN}, new double[] {1e-300},
            new char[] {'\uD83D'});
        for (Object value : values) {
            String key = KeyEncoder.encode(value);
            assertEquals(1, KeyGrammar.check(key), key);
        }
    }

    @Test
    void check_malformedKeys_areRejected() {
        for (String key : List.of("s3:ab", "s1:a|", "S2{s1:b,s1:a}", "L2[i:1]", "M2{s1:b=n,s1:a=n}", "i:", "q:1",
                "s01:a", "sx1:d8", "s1:\uD800", "o(n", "ai2[1,2,3]", "r1:R(n")) {
            assertThrows(AssertionError.class, () -> KeyGrammar.check(key), key);
        }
    }
}
