package org.dogpile.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DogpilePolicyTest {

    private final DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofSeconds(30));

    @Test
    void expireAfter_defaults_areDocumentedValues() {
        assertEquals(Duration.ofSeconds(30), policy.maxStale());
        assertEquals(DogpilePolicy.DEFAULT_LOCK_TIMEOUT, policy.lockTimeout());
        assertEquals(LockTimeoutFallback.CALL_WITHOUT_CACHING, policy.lockTimeoutFallback());
        assertEquals(DogpilePolicy.DEFAULT_LEASE, policy.lease());
        assertEquals(Duration.ZERO, policy.staleIfError());
        assertEquals(61_000, policy.hardTtlMillis());
    }

    @Test
    void builders_badDurations_rejectedNamingComponentAndValue() {
        assertMessage("expireAfter must be positive: PT0S", () -> DogpilePolicy.expireAfter(Duration.ZERO));
        assertMessage("expireAfter must be positive: PT-5S", () -> DogpilePolicy.expireAfter(Duration.ofSeconds(-5)));
        assertMessage("maxStale cannot be negative: PT-1S", () -> policy.withMaxStale(Duration.ofSeconds(-1)));
        assertMessage("lockTimeout must be positive: PT0S",
            () -> policy.withLockTimeout(Duration.ZERO, LockTimeoutFallback.THROW));
        assertMessage("lease must be positive: PT-0.001S", () -> policy.withLease(Duration.ofMillis(-1)));
        assertMessage("staleIfError cannot be negative: PT-1M", () -> policy.withStaleIfError(Duration.ofMinutes(-1)));
        assertEquals("expireAfter cannot be null",
            assertThrows(NullPointerException.class, () -> DogpilePolicy.expireAfter(null)).getMessage());
        assertEquals("lockTimeoutFallback cannot be null",
            assertThrows(NullPointerException.class, () -> policy.withLockTimeout(Duration.ofSeconds(1), null)).getMessage());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
