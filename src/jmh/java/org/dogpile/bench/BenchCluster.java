package org.dogpile.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hazelcast members in this JVM, joined by TCP-IP on 127.0.0.1 under a cluster name of their own,
 * without multicast, phone-home or logging: the cluster the benchmarks and load harnesses run on.
 */
final class BenchCluster implements AutoCloseable {
    private static final int FIRST_PORT = 5901;
    private static final int PORTS = 10;

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<HazelcastInstance> clients = new ArrayList<>();
    private final String name = "dogpile-bench-" + UUID.randomUUID();

    private BenchCluster(int size) {
        for (int i = 0; i < size; i++) {
            members.add(Hazelcast.newHazelcastInstance(config(name)));
        }
    }

    /**
     * @param size how many members
     * @return the started members, one cluster
     */
    static BenchCluster start(int size) {
        return new BenchCluster(size);
    }

    /** @return the members, in start order */
    List<HazelcastInstance> members() {
        return members;
    }

    /**
     * @param key a map key
     * @return the member that owns the key's partition
     */
    HazelcastInstance owner(String key) {
        members.get(0).getMap("dogpile-bench-partitions").get(key); // partitions are assigned on first use
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Member owner = members.get(0).getPartitionService().getPartition(key).getOwner();
            if (owner != null) {
                return members.stream().filter(m -> m.getCluster().getLocalMember().equals(owner)).findFirst()
                    .orElseThrow();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no partition owner for " + key + " after 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** @return a new client of the cluster (client/server topology), stopped with it */
    HazelcastInstance client() {
        ClientConfig config = new ClientConfig();
        config.setClusterName(name);
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        for (HazelcastInstance member : members) {
            config.getNetworkConfig().addAddress("127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort());
        }
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        clients.add(client);
        return client;
    }

    /** Stops the clients and members at once, without handing partitions over (nothing is kept). */
    @Override
    public void close() {
        clients.forEach(client -> client.getLifecycleService().terminate());
        members.forEach(member -> member.getLifecycleService().terminate());
    }

    private static Config config(String cluster) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().setPort(FIRST_PORT).setPortAutoIncrement(true);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int port = FIRST_PORT; port < FIRST_PORT + PORTS; port++) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        return config;
    }
}
