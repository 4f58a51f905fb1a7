package org.dogpile.it.chaos;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The application's Hazelcast member, which the dogpile extension picks up as the
 * {@code HazelcastInstance} bean: TCP-IP join on 127.0.0.1 with the ports given in
 * {@value NodeProtocol#MEMBERS_PROPERTY}, a cluster name of the test's own, no multicast, no
 * auto-detection, no phone-home, no logging, one backup per map.
 */
@ApplicationScoped
public class ClusterMember {

    /** The map in which the test arms a key: its next regeneration blocks until the process is killed. */
    public static final String CONTROL_MAP = "chaos.control";
    /** The map that counts the regenerations in flight per key, cluster-wide. */
    public static final String IN_FLIGHT_MAP = "chaos.inflight";

    /** Creates the bean; the container does this. */
    public ClusterMember() {
    }

    @Produces
    @Singleton
    HazelcastInstance member() {
        return Hazelcast.newHazelcastInstance(config());
    }

    void stop(@Disposes HazelcastInstance member) {
        member.getLifecycleService().terminate();
    }

    /**
     * The member's configuration, from system properties.
     *
     * @return the configuration
     */
    static Config config() {
        Config config = new Config().setClusterName(required(NodeProtocol.CLUSTER_PROPERTY));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.partition.count", "31");
        config.getNetworkConfig().setPort(Integer.parseInt(required(NodeProtocol.PORT_PROPERTY)))
            .setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (String port : required(NodeProtocol.MEMBERS_PROPERTY).split(",")) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port.trim());
        }
        config.addMapConfig(new MapConfig("*").setBackupCount(1).setAsyncBackupCount(0));
        return config;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set");
        }
        return value;
    }
}
