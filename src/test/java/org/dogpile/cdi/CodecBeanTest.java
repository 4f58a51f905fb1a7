package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.cdi.app.ConfiguredService;
import org.dogpile.codec.JavaSerializationCodec;
import org.dogpile.codec.ValueCodec;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;
import org.dogpile.testing.Deployments;
import org.junit.jupiter.api.Test;

/** An application {@link ValueCodec} bean encodes the values the Hazelcast store keeps. */
@SuppressWarnings("try") // the resources scope configuration and containers; the bodies need not name them
class CodecBeanTest {

    /** Provides the test's Hazelcast member and codec as application beans. */
    static final class Provides implements Extension {
        private final HazelcastInstance hazelcast;
        private final ValueCodec codec;

        Provides(HazelcastInstance hazelcast, ValueCodec codec) {
            this.hazelcast = hazelcast;
            this.codec = codec;
        }

        void addBeans(@Observes AfterBeanDiscovery event) {
            event.addBean().types(HazelcastInstance.class, Object.class)
                .scope(jakarta.inject.Singleton.class).createWith(context -> hazelcast);
            event.addBean().types(ValueCodec.class, Object.class)
                .scope(jakarta.inject.Singleton.class).createWith(context -> codec);
        }
    }

    @Test
    void applicationCodecBean_encodesAndDecodesTheStoredValues() throws Exception {
        AtomicInteger encoded = new AtomicInteger();
        AtomicInteger decoded = new AtomicInteger();
        ValueCodec counting = new ValueCodec() {
            @Override
            public String id() {
                return "counting";
            }

            @Override
            public byte[] encode(Object value) {
                encoded.incrementAndGet();
                return JavaSerializationCodec.defaults().encode(value);
            }

            @Override
            public Object decode(byte[] bytes) {
                decoded.incrementAndGet();
                return JavaSerializationCodec.defaults().decode(bytes);
            }
        };
        Config hzConfig = new Config().setClusterName("dogpile-test-" + UUID.randomUUID());
        hzConfig.setProperty("hazelcast.phone.home.enabled", "false");
        hzConfig.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        hzConfig.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        hzConfig.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(hzConfig);
        try (AutoCloseable config = Deployments.config(Map.of());
                WeldContainer container = WeldInitiator.createWeld().addExtension(new DogpileExtension())
                    .addBeanClasses(ConfiguredService.class).addExtension(new Provides(hazelcast, counting)).initialize()) {
            ConfiguredService service = container.select(ConfiguredService.class).get();

            DogpileCaches caches = container.select(DogpileCaches.class).get();
            // on a machine so loaded that a store call misses its bound, the engine calls the method
            // without caching (fail open); call again until a value was stored
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (encoded.get() == 0 && System.nanoTime() < deadline) {
                assertTrue(service.value("a").startsWith("a#"));
            }
            assertEquals(1, encoded.get(), "one value stored, through the application's codec");
            Object stored = caches.peek("configured", "a").orElseThrow().value();

            assertTrue(String.valueOf(stored).startsWith("a#"), "stored: " + stored);
            assertTrue(decoded.get() >= 1, "the stored value was read through the codec: " + decoded.get());
        } finally {
            hazelcast.shutdown();
        }
    }
}
