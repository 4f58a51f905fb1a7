package org.dogpile.testing;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * Hazelcast member configurations for tests: 127.0.0.1 only, multicast and auto-detection off,
 * phone-home and logging off, a unique cluster name per cluster.
 *
 * <pre>{@code
 * Config single = LoopbackHazelcast.single();                       // a member of its own
 * LoopbackHazelcast cluster = LoopbackHazelcast.cluster(3);          // members that join by TCP-IP
 * Config first = cluster.member(0);
 * }</pre>
 */
public final class LoopbackHazelcast {
    private final String clusterName;
    private final int[] ports;

    private LoopbackHazelcast(String clusterName, int[] ports) {
        this.clusterName = clusterName;
        this.ports = ports;
    }

    /** @return the configuration of a member that joins nobody */
    public static Config single() {
        Config config = base("dogpile-test-" + UUID.randomUUID());
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(false);
        return config;
    }

    /**
     * @param members how many members the cluster has
     * @return a cluster whose members join each other by TCP-IP on free loopback ports
     */
    public static LoopbackHazelcast cluster(int members) {
        return new LoopbackHazelcast("dogpile-test-" + UUID.randomUUID(), freePorts(members));
    }

    /** @return the cluster name */
    public String clusterName() {
        return clusterName;
    }

    /**
     * @param index which member, from 0
     * @return its configuration: its own fixed port, every member's port in the TCP-IP list
     */
    public Config member(int index) {
        Config config = base(clusterName);
        config.getNetworkConfig().setPort(ports[index]).setPortAutoIncrement(false);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getTcpIpConfig().setEnabled(true);
        for (int port : ports) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        return config;
    }

    private static Config base(String clusterName) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        return config;
    }

    /**
     * @param count how many ports
     * @return distinct ports that were free on 127.0.0.1 a moment ago
     */
    public static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // the port is free again either way
                    }
                }
            }
        }
    }
}
