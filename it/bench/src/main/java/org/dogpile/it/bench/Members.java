package org.dogpile.it.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hazelcast members of one benchmark cluster, all in this JVM: TCP-IP join on 127.0.0.1 (the members
 * still talk to each other over loopback sockets), a cluster name of their own, no multicast, no
 * auto-detection, no phone-home, no logging, one backup per map. The Spring peer's cache map gets
 * its time-to-live here, as a Spring user configures it.
 */
public final class Members {
    /** The map behind Spring's {@code @Cacheable(cacheNames = SPRING_CACHE)}. */
    public static final String SPRING_CACHE = "spring.prices";
    /** The map behind Spring's hit-path cache, without a time-to-live. */
    public static final String SPRING_HIT_CACHE = "spring.hits";
    /** Freshness of every cached value in the cluster scenarios, in seconds. */
    public static final int EXPIRE_SECONDS = 2;

    private Members() {
    }

    /**
     * Starts members at once and waits until they form one safe cluster.
     *
     * @param count how many members
     * @return the members
     */
    public static List<HazelcastInstance> start(int count) {
        String cluster = "dogpile-bench-" + UUID.randomUUID();
        List<Integer> ports = freePorts(count);
        List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Config config = config(cluster, ports.get(i), ports);
            starting.add(CompletableFuture.supplyAsync(() -> Hazelcast.newHazelcastInstance(config)));
        }
        List<HazelcastInstance> members = starting.stream().map(CompletableFuture::join).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!members.stream().allMatch(m -> m.getCluster().getMembers().size() == count
                && m.getPartitionService().isClusterSafe())) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the members did not form one cluster of " + count);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return members;
    }

    /**
     * The configuration of one member.
     *
     * @param cluster the cluster name
     * @param port this member's port
     * @param ports every member's port
     * @return the configuration
     */
    static Config config(String cluster, int port, List<Integer> ports) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
        config.addMapConfig(new MapConfig("*").setBackupCount(1));
        config.addMapConfig(new MapConfig(SPRING_CACHE).setBackupCount(1).setTimeToLiveSeconds(EXPIRE_SECONDS));
        config.addMapConfig(new MapConfig(SPRING_HIT_CACHE).setBackupCount(1));
        return config;
    }

    /**
     * Stops members.
     *
     * @param members the members
     */
    public static void stop(List<HazelcastInstance> members) {
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    private static List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            for (ServerSocket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }
}
