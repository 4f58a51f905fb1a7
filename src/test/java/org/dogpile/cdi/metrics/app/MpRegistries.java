package org.dogpile.cdi.metrics.app;

import io.smallrye.metrics.SharedMetricRegistries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** The application registry as a MicroProfile Metrics server (Payara) provides it; SmallRye Metrics here. */
@ApplicationScoped
public class MpRegistries {

    /** @return the application-scope registry */
    @Produces
    @ApplicationScoped
    public MetricRegistry registry() {
        return SharedMetricRegistries.getOrCreate(MetricRegistry.APPLICATION_SCOPE);
    }
}
