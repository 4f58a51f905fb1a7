package org.dogpile.cdi.config;

import java.time.Duration;
import org.dogpile.testing.Deployments;
import org.dogpile.testing.ManualClock;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Run in a JVM of its own with environment variables set: prints the values of
 * {@link DefaultNamed#value} at 0 s, at {@code args[0]} milliseconds minus one and at {@code args[0]}.
 */
public final class EnvironmentMain {
    private EnvironmentMain() {
    }

    /**
     * @param args the expected expiry in milliseconds
     */
    public static void main(String[] args) {
        long expiry = Long.parseLong(args[0]);
        try (WeldContainer container = Deployments.syntheticWeld(DefaultNamed.class).initialize()) {
            DefaultNamed service = container.select(DefaultNamed.class).get();
            ManualClock clock = container.select(ManualClock.class).get();
            StringBuilder seen = new StringBuilder(service.value("a"));
            clock.advance(Duration.ofMillis(expiry - 1));
            seen.append(' ').append(service.value("a"));
            clock.advance(Duration.ofMillis(1));
            seen.append(' ').append(service.value("a"));
            System.out.println("values: " + seen);
        }
    }
}
