package org.dogpile.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.dogpile.store.CacheEntry;

/**
 * Real Hazelcast members in this JVM, for tests: TCP-IP join on 127.0.0.1 only, multicast and
 * auto-detection off, phone-home off, logging off, a cluster name of their own, a free port range
 * with auto-increment, backup count 1, and the Java deserialization filter the store's
 * documentation recommends.
 */
public final class TestCluster implements AutoCloseable {

    private static final int PORTS = 10;

    private final String name = "dogpile-test-" + UUID.randomUUID();
    private final int basePort = freePortRange();
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<HazelcastInstance> clients = new ArrayList<>();

    private TestCluster() {
    }

    /**
     * Starts members one after another and waits until they all see each other.
     *
     * @param count how many members
     * @return the running cluster
     */
    public static TestCluster start(int count) {
        TestCluster cluster = new TestCluster();
        try {
            for (int i = 0; i < count; i++) {
                cluster.members.add(Hazelcast.newHazelcastInstance(cluster.config()));
            }
            await("cluster of " + count, 60_000,
                () -> cluster.members.stream().allMatch(m -> m.getCluster().getMembers().size() == count));
            // assign the partitions now, so that the first store call of a test does not pay for it
            cluster.members.get(0).getMap("dogpile-test-warmup").put("warmup", "warmup");
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** @return the running members, in start order */
    public List<HazelcastInstance> members() {
        return members;
    }

    /**
     * @param index the start order
     * @return that member
     */
    public HazelcastInstance member(int index) {
        return members.get(index);
    }

    /** @return this member's configuration: loopback TCP-IP join in this cluster's port range */
    Config config() {
        Config config = new Config();
        config.setClusterName(name);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(basePort).setPortAutoIncrement(true).setPortCount(PORTS);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int port = basePort; port < basePort + PORTS; port++) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        config.addMapConfig(new MapConfig(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + "*").setBackupCount(1));
        config.addMapConfig(new MapConfig(HazelcastStore.DEFAULT_LOCK_MAP_NAME).setBackupCount(1));
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        filter.getWhitelist()
            .addClasses(CacheEntry.class.getName(), "org.dogpile.store.StoredEntry")
            .addPrefixes("org.dogpile.store.DogpileStoreContract$");
        config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
        return config;
    }

    /**
     * Starts a client of this cluster (the client/server topology: application JVMs as clients of
     * a dedicated cluster), with logging off and the members' loopback addresses.
     *
     * @return the connected client, shut down with the cluster
     */
    public HazelcastInstance client() {
        com.hazelcast.client.config.ClientConfig config = new com.hazelcast.client.config.ClientConfig();
        config.setClusterName(name);
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        for (int port = basePort; port < basePort + PORTS; port++) {
            config.getNetworkConfig().addAddress("127.0.0.1:" + port);
        }
        HazelcastInstance client = com.hazelcast.client.HazelcastClient.newHazelcastClient(config);
        clients.add(client);
        return client;
    }

    /**
     * @return a Hazelcast client configuration, in YAML, that connects to this cluster on loopback
     */
    public String clientConfigYaml() {
        StringBuilder addresses = new StringBuilder();
        for (int port = basePort; port < basePort + PORTS; port++) {
            addresses.append("        - 127.0.0.1:").append(port).append('\n');
        }
        return "hazelcast-client:\n"
            + "  cluster-name: " + name + "\n"
            + "  properties:\n"
            + "    hazelcast.logging.type: none\n"
            + "    hazelcast.phone.home.enabled: false\n"
            + "  network:\n"
            + "    cluster-members:\n"
            + addresses;
    }

    /** Terminates every client and member still running. */
    @Override
    public void close() {
        for (HazelcastInstance client : clients) {
            if (client.getLifecycleService().isRunning()) {
                client.getLifecycleService().terminate();
            }
        }
        for (HazelcastInstance member : members) {
            if (member.getLifecycleService().isRunning()) {
                member.getLifecycleService().terminate();
            }
        }
    }

    /**
     * @param store a store of this cluster
     * @return owner-token locks on its lock table and clock, as an engine builds them
     */
    public static org.dogpile.store.OwnerTokenLocks locks(HazelcastStore store) {
        return new org.dogpile.store.OwnerTokenLocks(store.locks(), store::currentTimeMillis);
    }

    /**
     * Makes an entry older, as if it had been written {@code millis} earlier.
     *
     * @param store a store of this cluster
     * @param cache the cache
     * @param key the key
     * @param millis how much older
     */
    public static void age(HazelcastStore store, String cache, String key, long millis) {
        org.dogpile.store.StoredEntry entry = store.entries().get(cache, key);
        org.dogpile.store.StoredEntry older = org.dogpile.store.StoredEntry.of(entry.stamp() + 1, entry.flags(),
            entry.createdAt() - millis, entry.expireAfterMillis(), entry.removeAt(), entry.computeMillis(), entry.codecId(),
            entry.value(), null);
        if (!store.entries().replace(cache, key, entry, older, 600_000)) {
            throw new IllegalStateException("entry changed while ageing it");
        }
    }

    /**
     * Waits, parking in short slices, until the condition holds.
     *
     * @param what what is awaited, for the failure message
     * @param timeoutMillis how long at most
     * @param condition the condition
     * @return how long it took, in nanoseconds
     */
    public static long await(String what, long timeoutMillis, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return System.nanoTime() - start;
    }

    /** A start port whose whole range is free on loopback now (others run Hazelcast here too). */
    private static int freePortRange() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(2_000) * PORTS;
            if (rangeFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of " + PORTS + " ports on 127.0.0.1");
    }

    private static boolean rangeFree(int base) {
        for (int port = base; port < base + PORTS; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                socket.setReuseAddress(true);
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }
}
