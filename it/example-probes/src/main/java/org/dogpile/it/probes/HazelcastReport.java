package org.dogpile.it.probes;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Which Hazelcast instances this JVM runs and which of them hold the dogpile maps
 * ({@code dogpile.cache.<cache>} for values, {@code dogpile.locks} for locks).
 *
 * @param bundled whether the Hazelcast classes come from this application's own jar (WildFly)
 *     rather than from the server (Payara)
 * @param payaraInstance the name of the instance Payara binds to {@code payara/Hazelcast}, or
 *     {@code null} on other servers
 * @param instances every instance visible to this application
 */
public record HazelcastReport(boolean bundled, String payaraInstance, List<Instance> instances) {

    /** The JNDI name under which Payara binds its Hazelcast instance. */
    public static final String PAYARA_JNDI_NAME = "payara/Hazelcast";

    /**
     * One Hazelcast instance.
     *
     * @param name its name
     * @param payara whether it is Payara's own instance
     * @param dogpileMaps the names of its maps that start with {@code dogpile.}
     * @param clusterName its cluster's name
     * @param members how many members its cluster has now
     * @param clusterSafe whether every partition's backups are in sync (no migration running), so
     *     that losing one member loses no entry
     */
    public record Instance(String name, boolean payara, List<String> dogpileMaps, String clusterName, int members,
            boolean clusterSafe) {
    }

    /** @return the report for this moment */
    public static HazelcastReport collect() {
        HazelcastInstance payara = lookUpPayaraInstance();
        Set<HazelcastInstance> all = new LinkedHashSet<>(Hazelcast.getAllHazelcastInstances());
        if (payara != null) {
            all.add(payara);
        }
        List<Instance> instances = all.stream()
            .filter(instance -> instance.getLifecycleService().isRunning())
            .map(instance -> new Instance(instance.getName(), instance == payara, dogpileMaps(instance),
                instance.getConfig().getClusterName(), instance.getCluster().getMembers().size(),
                instance.getPartitionService().isClusterSafe()))
            .toList();
        boolean bundled = HazelcastInstance.class.getClassLoader() == HazelcastReport.class.getClassLoader();
        return new HazelcastReport(bundled, payara == null ? null : payara.getName(), instances);
    }

    private static List<String> dogpileMaps(HazelcastInstance instance) {
        return instance.getDistributedObjects().stream()
            .filter(IMap.class::isInstance)
            .map(DistributedObject::getName)
            .filter(name -> name.startsWith("dogpile."))
            .sorted()
            .toList();
    }

    private static HazelcastInstance lookUpPayaraInstance() {
        try {
            InitialContext context = new InitialContext();
            try {
                Object found = context.lookup(PAYARA_JNDI_NAME);
                return found instanceof HazelcastInstance instance ? instance : null;
            } finally {
                context.close();
            }
        } catch (NamingException notPayara) {
            return null;
        }
    }
}
