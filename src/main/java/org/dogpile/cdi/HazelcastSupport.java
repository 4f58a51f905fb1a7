package org.dogpile.cdi;

import static java.lang.System.Logger.Level.INFO;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.hazelcast.HazelcastStore;

/**
 * The only class of the CDI layer that touches Hazelcast; loaded only when Hazelcast is on the
 * class path. Picks the Hazelcast instance: the application's {@code HazelcastInstance} bean, else
 * Payara's ({@code payara/Hazelcast}), else an embedded member this library starts and stops.
 */
final class HazelcastSupport {
    private static final System.Logger LOG = System.getLogger(HazelcastSupport.class.getName());
    /** The JNDI name under which Payara binds its Hazelcast instance. */
    static final String PAYARA_JNDI_NAME = "payara/Hazelcast";
    private static final List<String> CONFIG_FILES = List.of("hazelcast.xml", "hazelcast.yaml", "hazelcast.yml");

    private HazelcastSupport() {
    }

    /**
     * Creates the store.
     *
     * @param beanManager to find the application's instance
     * @param classLoader to find configuration files
     * @param namespace the application's namespace, or empty for the plain map names
     * @return the store, and what to do at shutdown (stop the embedded member, if one was started)
     */
    static EngineSetup.Created store(BeanManager beanManager, ClassLoader classLoader, Optional<String> namespace) {
        Instance<HazelcastInstance> beans = beanManager.createInstance().select(HazelcastInstance.class);
        if (beans.isResolvable()) {
            LOG.log(INFO, "dogpile: using the application's HazelcastInstance bean");
            return new EngineSetup.Created(store(beans.get(), namespace), () -> { });
        }
        if (beans.isAmbiguous()) {
            throw new IllegalStateException("dogpile: several HazelcastInstance beans are eligible: "
                + beanManager.getBeans(HazelcastInstance.class) + "; provide a DogpileStore bean to choose");
        }
        Optional<HazelcastInstance> payara = Jndi.lookup(PAYARA_JNDI_NAME, HazelcastInstance.class);
        if (payara.isPresent()) {
            LOG.log(INFO, "dogpile: using Payara's Hazelcast instance (" + PAYARA_JNDI_NAME + ")");
            return new EngineSetup.Created(store(payara.get(), namespace), () -> { });
        }
        HazelcastInstance embedded = Hazelcast.newHazelcastInstance(embeddedConfig(classLoader));
        LOG.log(INFO, () -> "dogpile: started an embedded Hazelcast member " + embedded.getName());
        DogpileStore store = store(embedded, namespace);
        return new EngineSetup.Created(store, embedded::shutdown);
    }

    private static DogpileStore store(HazelcastInstance hazelcast, Optional<String> namespace) {
        return HazelcastStore.builder(hazelcast).cacheMapPrefix(Namespace.cacheMapPrefix(namespace))
            .lockMapName(Namespace.lockMapName(namespace)).build();
    }

    /**
     * The configuration of an embedded member: Hazelcast's own configuration files when present
     * (system property {@code hazelcast.config}, or {@code hazelcast.xml}/{@code .yaml}/{@code .yml}
     * in the working directory or on the class path), otherwise a safe single member on 127.0.0.1:
     * no multicast, no auto-detection, no TCP-IP join, no phone-home.
     *
     * @param classLoader where to look for configuration files
     * @return the configuration
     */
    static Config embeddedConfig(ClassLoader classLoader) {
        if (hasConfigFile(classLoader)) {
            return Config.load();
        }
        Config config = new Config();
        config.setClusterName("dogpile");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        return config;
    }

    private static boolean hasConfigFile(ClassLoader classLoader) {
        if (System.getProperty("hazelcast.config") != null) {
            return true;
        }
        for (String name : CONFIG_FILES) {
            if (new File(name).isFile() || classLoader.getResource(name) != null) {
                return true;
            }
        }
        return false;
    }
}
