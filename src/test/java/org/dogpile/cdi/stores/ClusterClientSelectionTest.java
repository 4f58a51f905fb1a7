package org.dogpile.cdi.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.cdi.config.Named;
import org.dogpile.store.hazelcast.HazelcastStore;
import org.dogpile.store.hazelcast.TestCluster;
import org.dogpile.testing.Deployments;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dogpile.hazelcast.client-config}: the values live in a dedicated cluster that the
 * application reaches as a Hazelcast client, started from the client configuration file and shut
 * down with the application; no member runs in the application.
 */
@SuppressWarnings("try") // the resources scope configuration, clusters and containers
class ClusterClientSelectionTest {

    @Test
    void clientConfig_valuesLiveInTheDedicatedClusterAndTheClientStopsWithTheApplication(@TempDir Path dir)
            throws Exception {
        try (TestCluster cluster = TestCluster.start(1)) {
            Path file = Files.writeString(dir.resolve("hazelcast-client.yaml"), cluster.clientConfigYaml());
            int membersBefore = Hazelcast.getAllHazelcastInstances().size();
            try (AutoCloseable config = Deployments.config(Map.of("dogpile.hazelcast.client-config", file.toString()));
                    WeldContainer container = Deployments.withoutStore(Named.class).initialize()) {
                Named named = container.select(Named.class).get();
                assertEquals("a#1", named.value("a"));
                assertEquals("a#1", named.value("a"));

                DogpileCaches caches = container.select(DogpileCaches.class).get();
                assertTrue(caches.engine().store() instanceof HazelcastStore, caches.engine().store()::toString);
                assertEquals(1, HazelcastClient.getAllHazelcastClients().size(), "one client, started by the library");
                assertEquals(membersBefore, Hazelcast.getAllHazelcastInstances().size(), "no member in the application");
                assertTrue(cluster.member(0).getDistributedObjects().stream()
                    .anyMatch(object -> object.getName().endsWith("named")), "the cache map lives in the cluster");
            }
            assertEquals(0, HazelcastClient.getAllHazelcastClients().size(), "the client stopped with the application");
        }
    }

    @Test
    void clientConfigMissing_firstCallFailsNamingTheKeyAndTheFile(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("no-such-client.yaml").toString();
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.hazelcast.client-config", missing));
                WeldContainer container = Deployments.withoutStore(Named.class).initialize()) {
            Named named = container.select(Named.class).get();
            RuntimeException failure = assertThrows(RuntimeException.class, () -> named.value("a"));
            String messages = Deployments.messages(failure);
            assertTrue(messages.contains("dogpile.hazelcast.client-config=" + missing + ": no such file"), messages);
        }
    }
}
