package org.dogpile.store.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMemberTest {

    private static final String CLUSTER = "dogpile-test-" + UUID.randomUUID();
    private static HazelcastInstance member;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHardenedMember() {
        member = EmbeddedMember.start(new EmbeddedMember.Settings(Optional.of(CLUSTER), 1_000, Optional.empty()),
            EmbeddedMemberTest.class.getClassLoader());
    }

    @AfterAll
    static void stop() {
        if (member != null) {
            member.getLifecycleService().terminate();
        }
    }

    @Test
    void hardenedMember_clientCannotConnect() {
        InetSocketAddress address = (InetSocketAddress) member.getCluster().getLocalMember().getSocketAddress();
        assertEquals("127.0.0.1", address.getAddress().getHostAddress());
        ClientConfig client = clientConfig(CLUSTER, address.getPort());
        long start = System.nanoTime();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> {
            HazelcastInstance connected = HazelcastClient.newHazelcastClient(client);
            connected.shutdown();
        });
        System.out.println("client refused after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + refused.getMessage());
    }

    @Test
    void plainMember_clientConnects_soTheRefusalAboveIsTheEndpoint() {
        String cluster = "dogpile-test-" + UUID.randomUUID();
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).setPortCount(100)
            .getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        HazelcastInstance plain = Hazelcast.newHazelcastInstance(config);
        try {
            int port = ((InetSocketAddress) plain.getCluster().getLocalMember().getSocketAddress()).getPort();
            HazelcastInstance client = HazelcastClient.newHazelcastClient(clientConfig(cluster, port));
            try {
                client.getMap("dogpile.cache.x").put("k", "v");
                assertEquals("v", plain.getMap("dogpile.cache.x").get("k"));
            } finally {
                client.shutdown();
            }
        } finally {
            plain.getLifecycleService().terminate();
        }
    }

    @Test
    void hardenedMember_cacheMapsBoundedLockMapNot() {
        IMap<String, byte[]> cache = member.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + "bounded");
        IMap<String, byte[]> locks = member.getMap(HazelcastStore.DEFAULT_LOCK_MAP_NAME);
        for (int i = 0; i < 20_000; i++) {
            cache.set("k" + i, new byte[8]);
        }
        for (int i = 0; i < 3_000; i++) {
            locks.set("k" + i, new byte[8]);
        }
        System.out.println("20000 puts into a cache map bounded at 1000: size " + cache.size());
        assertTrue(cache.size() <= 1_100, "cache map size " + cache.size());
        assertTrue(cache.size() >= 500, "cache map size " + cache.size());
        assertEquals(3_000, locks.size());
    }

    @Test
    void hardened_configuration() {
        Config first = EmbeddedMember.hardened(EmbeddedMember.Settings.defaults());
        Config second = EmbeddedMember.hardened(EmbeddedMember.Settings.defaults());
        assertTrue(first.getClusterName().matches("dogpile-[0-9a-f]{32}"), first.getClusterName());
        assertNotEquals(first.getClusterName(), second.getClusterName());
        assertEquals(List.of(), EmbeddedMember.audit(first));
        assertEquals(Set.of(com.hazelcast.instance.EndpointQualifier.MEMBER),
            first.getAdvancedNetworkConfig().getEndpointConfigs().keySet());
        assertEquals("false", first.getProperty("hazelcast.phone.home.enabled"));
        assertTrue(first.getSerializationConfig().getJavaSerializationFilterConfig().isDefaultsDisabled());
        assertEquals(EmbeddedMember.DEFAULT_MAX_ENTRIES,
            first.findMapConfig("dogpile.cache.prices").getEvictionConfig().getSize());
        assertEquals(EvictionPolicy.LRU, first.findMapConfig("dogpile.cache.prices").getEvictionConfig().getEvictionPolicy());
        assertEquals(EvictionPolicy.NONE,
            first.findMapConfig(HazelcastStore.DEFAULT_LOCK_MAP_NAME).getEvictionConfig().getEvictionPolicy());
    }

    @Test
    void audit_exposedUserConfiguration_warnsWithIds() {
        Config exposed = Config.loadFromString("""
            hazelcast:
              cluster-name: shared
              properties:
                hazelcast.phone.home.enabled: true
              network:
                join:
                  multicast:
                    enabled: true
            """);
        assertEquals(List.of("DOGPILE-2502", "DOGPILE-2504", "DOGPILE-2505", "DOGPILE-2506", "DOGPILE-2507"),
            ids(EmbeddedMember.audit(exposed)));
        Config autoDetecting = Config.loadFromString("""
            hazelcast:
              cluster-name: shared
            """);
        assertTrue(ids(EmbeddedMember.audit(autoDetecting)).contains("DOGPILE-2503"));
    }

    @Test
    void audit_carefulUserConfiguration_noWarning() {
        Config careful = Config.loadFromString("""
            hazelcast:
              cluster-name: careful
              properties:
                hazelcast.phone.home.enabled: false
                hazelcast.socket.bind.any: false
              serialization:
                java-serialization-filter:
                  defaults-disabled: true
                  whitelist:
                    prefix:
                      - com.hazelcast.
              advanced-network:
                enabled: true
                join:
                  multicast:
                    enabled: false
                  auto-detection:
                    enabled: false
                  tcp-ip:
                    enabled: true
                    member-list:
                      - 127.0.0.1:5701
                member-server-socket-endpoint-config:
                  interfaces:
                    enabled: true
                    interfaces:
                      - 127.0.0.1
            """);
        assertEquals(List.of(), EmbeddedMember.audit(careful));
    }

    @Test
    void config_classPathFile_usedWithCacheBoundsAdded() throws IOException {
        Files.writeString(dir.resolve("hazelcast.yaml"), "hazelcast:\n  cluster-name: from-class-path\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Config config = EmbeddedMember.config(EmbeddedMember.Settings.defaults(), loader);
            assertEquals("from-class-path", config.getClusterName());
            assertEquals(EmbeddedMember.DEFAULT_MAX_ENTRIES, config.findMapConfig("dogpile.cache.a").getEvictionConfig().getSize());

            Config renamed = EmbeddedMember.config(new EmbeddedMember.Settings(Optional.of("mine"), 10,
                Optional.of("classpath:hazelcast.yaml")), loader);
            assertEquals("mine", renamed.getClusterName());
            assertEquals(10, renamed.findMapConfig("dogpile.cache.a").getEvictionConfig().getSize());
        }
        assertThrows(IllegalArgumentException.class, () -> EmbeddedMember.config(new EmbeddedMember.Settings(
            Optional.empty(), 10, Optional.of(dir.resolve("missing.xml").toString())), getClass().getClassLoader()));
    }

    @Test
    void config_fileInTheWorkingDirectory_readOnlyWhenAskedFor() throws Exception {
        Files.writeString(dir.resolve("hazelcast.xml"), """
            <hazelcast xmlns="http://www.hazelcast.com/schema/config">
              <cluster-name>from-working-dir</cluster-name>
            </hazelcast>
            """);
        List<String> notAsked = runInWorkingDirectory(List.of());
        assertEquals("from-working-dir", notAsked.get(1), "precondition: Hazelcast itself reads the working directory");
        assertTrue(notAsked.get(0).matches("dogpile-[0-9a-f]{32}"), notAsked.get(0) + "; " + read(dir.resolve("err.txt")));

        List<String> asked = runInWorkingDirectory(List.of("-D" + EmbeddedMember.CONFIG + "=hazelcast.xml"));
        assertEquals("from-working-dir", asked.get(0));
    }

    private List<String> runInWorkingDirectory(List<String> properties) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dhazelcast.logging.type=none", "-cp", System.getProperty("java.class.path")));
        command.addAll(properties);
        command.add(EmbeddedMemberConfigMain.class.getName());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process child = new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                fail("child JVM did not finish in 60 s");
            }
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), () -> read(err));
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<String> ids(List<String> warnings) {
        warnings.forEach(w -> assertTrue(w.matches("DOGPILE-\\d{4}: .+"), w));
        return warnings.stream().map(w -> w.substring(0, 12)).collect(Collectors.toList());
    }

    static ClientConfig clientConfig(String cluster, int port) {
        ClientConfig client = new ClientConfig().setClusterName(cluster);
        client.setProperty("hazelcast.logging.type", "none");
        client.getNetworkConfig().addAddress("127.0.0.1:" + port).setSmartRouting(false);
        client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(3_000);
        assertNotNull(client);
        assertFalse(cluster.isEmpty());
        return client;
    }
}
