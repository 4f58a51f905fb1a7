package org.dogpile.cdi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dogpile.cdi.DogpileExtension;
import org.dogpile.codec.gadget.Bombs;
import org.dogpile.codec.gadget.Gadget;
import org.dogpile.store.EntryFormat;
import org.dogpile.store.StoredEntry;
import org.dogpile.store.hazelcast.EmbeddedMember;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;
import org.dogpile.testing.Deployments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Weld SE containers on one hardened embedded member: a non-Serializable record cached with the
 * JSON-B codec ({@code dogpile.offers.codec=jsonb}) and read back from the grid by a second
 * container; a Serializable record with the Java codec, whose allow-list comes from the return type.
 */
class CodecWiringTest {

    private static HazelcastInstance member;
    private static AutoCloseable configuration;

    /** Provides the member as the application's bean. */
    static final class ProvidesHazelcast implements Extension {
        void addBean(@Observes AfterBeanDiscovery event) {
            event.addBean().types(HazelcastInstance.class, Object.class)
                .scope(jakarta.inject.Singleton.class).createWith(context -> member);
        }
    }

    @BeforeAll
    static void start() {
        member = EmbeddedMember.start(new EmbeddedMember.Settings(Optional.of("dogpile-test-" + UUID.randomUUID()),
            1_000, Optional.empty()), CodecWiringTest.class.getClassLoader());
        configuration = Deployments.config(Map.of("dogpile.offers.codec", "jsonb"));
    }

    @AfterAll
    static void stop() throws Exception {
        configuration.close(); // a system property would outlive this class in MicroProfile Config's cache
        member.getLifecycleService().terminate();
    }

    private static WeldContainer container() {
        return WeldInitiator.createWeld()
            .addExtension(new DogpileExtension())
            .addExtension(new ProvidesHazelcast())
            .addBeanClasses(Catalog.class)
            .initialize();
    }

    /** The entry as the grid holds it, once the write that may follow the call has landed. */
    private static StoredEntry storedEntry(String cache, String key) {
        com.hazelcast.map.IMap<String, Object> map = member.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + cache);
        org.dogpile.store.hazelcast.TestCluster.await(cache + " entry " + key, 10_000, () -> {
            StoredEntry entry = EntryFormat.decode(map.get(key));
            return entry != null && entry.isValue();
        });
        return EntryFormat.decode(map.get(key));
    }

    @Test
    void jsonb_nonSerializableRecord_cachedAndReadBackFromTheGrid() {
        Catalog.CALLS.set(0);
        List<Offer> first;
        try (WeldContainer writer = container()) {
            first = writer.select(Catalog.class).get().offers("EU");
        }
        StoredEntry stored = storedEntry("offers", "1:s2:EU");
        assertEquals("jsonb", stored.codecId());
        String json = new String((byte[]) stored.value(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"sku\":\"EU-1\""), json);

        try (WeldContainer reader = container()) {
            List<Offer> second = reader.select(Catalog.class).get().offers("EU");
            assertEquals(first, second);
            assertEquals(new BigDecimal("9.90"), second.get(0).amount());
        }
        assertEquals(1, Catalog.CALLS.get(), "the second container read the value from the grid");
    }

    @Test
    void java_serializableRecord_allowListFromTheReturnType_gadgetRegenerated() {
        Catalog.CALLS.set(0);
        Gadget.EXECUTED.set(0);
        try (WeldContainer writer = container()) {
            assertEquals("q1", writer.select(Catalog.class).get().quote("q1").orElseThrow().id());
        }
        StoredEntry stored = storedEntry("quotes", "1:s2:q1");
        assertEquals("java", stored.codecId());
        try (WeldContainer reader = container()) {
            assertEquals("q1", reader.select(Catalog.class).get().quote("q1").orElseThrow().id());
        }
        assertEquals(1, Catalog.CALLS.get(), "the second container read the value from the grid");

        long now = member.getCluster().getClusterTime();
        member.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + "quotes").set("1:s2:q2", EntryFormat.encode(
            StoredEntry.value(1, now, 3_600_000, now + 3_600_000, "java", Bombs.serialize(new Gadget("x")))));
        try (WeldContainer victim = container()) {
            assertEquals("q2", victim.select(Catalog.class).get().quote("q2").orElseThrow().id());
        }
        assertEquals(2, Catalog.CALLS.get(), "the planted entry counts as absent: the call regenerates");
        assertEquals(0, Gadget.EXECUTED.get());
    }
}
