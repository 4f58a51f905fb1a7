package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.dogpile.cdi.repeated.Rates;
import org.dogpile.cdi.repeated.RepeatedDogpileInterceptor;
import org.dogpile.testing.Deployments;
import org.dogpile.testing.ManualClock;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A container that puts the Dogpile interceptor twice into one chain (Payara 6 does for session
 * beans) still runs the method once per expiry: the inner copy of the interceptor lets the call
 * through instead of waiting for the outer one's regeneration or answering it with the stale value.
 */
class RepeatedInterceptorTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void interceptorTwiceInTheChain_coldCallAndEachExpiry_runTheMethodOnce() {
        try (WeldContainer container = Deployments.syntheticWeld(Rates.class, RepeatedDogpileInterceptor.class).initialize()) {
            Rates rates = container.select(Rates.class).get();
            ManualClock clock = container.select(ManualClock.class).get();

            assertEquals("EURUSD#1", rates.rate("EURUSD"), "cold call");
            assertEquals("EURUSD#1", rates.rate("EURUSD"), "fresh hit");
            assertEquals(1, rates.runs());

            clock.advance(Duration.ofSeconds(11));
            assertEquals("EURUSD#2", rates.rate("EURUSD"), "the caller that regenerates after the expiry gets the new value");
            assertEquals("EURUSD#2", rates.rate("EURUSD"));
            assertEquals(2, rates.runs(), "one run per expiry");

            clock.advance(Duration.ofSeconds(11));
            assertEquals("EURUSD#3", rates.rate("EURUSD"));
            assertEquals("GBPUSD#4", rates.rate("GBPUSD"), "another key");
            assertEquals(4, rates.runs());
        }
    }
}
