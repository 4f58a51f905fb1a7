package org.dogpile.cdi.metrics.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The application's Micrometer registry, as an application (or WildFly's micrometer subsystem) provides it. */
@ApplicationScoped
public class Registries {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** @return the registry */
    @Produces
    @ApplicationScoped
    public MeterRegistry registry() {
        return registry;
    }

    /** @return the same registry, unproxied, for assertions */
    public SimpleMeterRegistry simple() {
        return registry;
    }
}
