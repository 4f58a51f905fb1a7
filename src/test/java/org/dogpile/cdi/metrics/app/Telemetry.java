package org.dogpile.cdi.metrics.app;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The application's OpenTelemetry, as MicroProfile Telemetry 2 (WildFly) provides it; the SDK with an in-memory reader here. */
@ApplicationScoped
public class Telemetry {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();

    /** @return the OpenTelemetry instance */
    @Produces
    @ApplicationScoped
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** @return the reader, for assertions */
    public InMemoryMetricReader reader() {
        return reader;
    }

    @PreDestroy
    void close() {
        sdk.close();
    }
}
