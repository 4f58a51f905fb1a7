package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.Map;
import org.dogpile.testing.Deployments;
import org.dogpile.cdi.app.ConfiguredService;
import org.dogpile.store.InMemoryStore;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.dogpile.testing.LoopbackHazelcast;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Where values live when the application does not provide a store. */
@SuppressWarnings("try") // the resources scope configuration and containers; the bodies need not name them
class StoreSelectionTest {

    /** Provides one given Hazelcast instance as an application bean. */
    static final class ProvidesHazelcast implements Extension {
        private final HazelcastInstance instance;

        ProvidesHazelcast(HazelcastInstance instance) {
            this.instance = instance;
        }

        void addBean(@Observes AfterBeanDiscovery event) {
            event.addBean().types(HazelcastInstance.class, Object.class)
                .scope(jakarta.inject.Singleton.class).createWith(context -> instance);
        }
    }

    private static Weld withoutStore() {
        return Deployments.withoutStore(ConfiguredService.class);
    }

    @Test
    void storeProperty_memory_inMemoryStore() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.store", "memory"));
                WeldContainer container = withoutStore().initialize()) {
            assertTrue(container.select(DogpileCaches.class).get().engine().store() instanceof InMemoryStore);
            ConfiguredService service = container.select(ConfiguredService.class).get();
            assertEquals("a#1", service.value("a"));
            assertEquals("a#1", service.value("a"));
        }
    }

    @Test
    void noStoreAndNoHazelcastBean_embeddedMemberStartedAndStoppedWithContainer() throws Exception {
        java.util.Set<HazelcastInstance> running = java.util.Set.copyOf(Hazelcast.getAllHazelcastInstances());
        int before = running.size();
        try (AutoCloseable config = Deployments.config(Map.of())) {
            try (WeldContainer container = withoutStore().initialize()) {
                assertTrue(container.select(DogpileCaches.class).get().engine().store() instanceof HazelcastStore);
                assertEquals(before + 1, Hazelcast.getAllHazelcastInstances().size());
                HazelcastInstance embedded = Hazelcast.getAllHazelcastInstances().stream()
                    .filter(hz -> !running.contains(hz)).findFirst().orElseThrow();
                assertTrue(embedded.getConfig().getClusterName().matches("dogpile-[0-9a-f]{32}"));
                assertEquals(java.util.Set.of(com.hazelcast.instance.EndpointQualifier.MEMBER),
                    embedded.getConfig().getAdvancedNetworkConfig().getEndpointConfigs().keySet());
                assertEquals(false, embedded.getConfig().getAdvancedNetworkConfig().getJoin().getMulticastConfig().isEnabled());
                assertEquals("127.0.0.1", embedded.getCluster().getLocalMember().getAddress().getHost());
                ConfiguredService service = container.select(ConfiguredService.class).get();
                assertEquals("a#1", service.value("a"));
                assertEquals("a#1", service.value("a"));
            }
            assertEquals(before, Hazelcast.getAllHazelcastInstances().size());
        }
    }

    @Test
    void applicationHazelcastBean_usedAndLeftRunning() throws Exception {
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(LoopbackHazelcast.single());
        try (AutoCloseable config = Deployments.config(Map.of())) {
            try (WeldContainer container = withoutStore().addExtension(new ProvidesHazelcast(hazelcast)).initialize()) {
                ConfiguredService service = container.select(ConfiguredService.class).get();
                assertEquals("a#1", service.value("a"));
                assertTrue(container.select(DogpileCaches.class).get().engine().store() instanceof HazelcastStore);
                assertEquals(1, hazelcast.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + "configured").size());
            }
            assertTrue(hazelcast.getLifecycleService().isRunning());
        } finally {
            hazelcast.shutdown();
        }
    }
}
