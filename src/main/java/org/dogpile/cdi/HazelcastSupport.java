package org.dogpile.cdi;

import static java.lang.System.Logger.Level.INFO;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Optional;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.hazelcast.ClusterClient;
import org.dogpile.store.hazelcast.EmbeddedMember;
import org.dogpile.store.hazelcast.HazelcastStore;

/**
 * The only class of the CDI layer that touches Hazelcast; loaded only when Hazelcast is on the
 * class path. Picks the Hazelcast instance: the application's {@code HazelcastInstance} bean, else
 * a client of a dedicated cluster when {@value ClusterClient#CONFIG} names its configuration, else
 * Payara's ({@code payara/Hazelcast}), else an embedded member this library starts and stops.
 */
final class HazelcastSupport {
    private static final System.Logger LOG = System.getLogger(HazelcastSupport.class.getName());
    /** The JNDI name under which Payara binds its Hazelcast instance. */
    static final String PAYARA_JNDI_NAME = "payara/Hazelcast";

    private HazelcastSupport() {
    }

    /**
     * Creates the store.
     *
     * @param beanManager to find the application's instance
     * @param config the embedded member's settings ({@link EmbeddedMember.Settings#from})
     * @param classLoader to find configuration files
     * @param namespace the application's namespace, or empty for the plain map names
     * @return the store, and what to do at shutdown (stop the embedded member, if one was started)
     */
    static EngineSetup.Created store(BeanManager beanManager, ConfigLookup config, ClassLoader classLoader,
            Optional<String> namespace) {
        Instance<HazelcastInstance> beans = beanManager.createInstance().select(HazelcastInstance.class);
        if (beans.isResolvable()) {
            LOG.log(INFO, "DOGPILE-3004: using the application's HazelcastInstance bean");
            return new EngineSetup.Created(store(beans.get(), namespace), () -> { });
        }
        if (beans.isAmbiguous()) {
            throw new IllegalStateException("dogpile: several HazelcastInstance beans are eligible: "
                + beanManager.getBeans(HazelcastInstance.class) + "; provide a DogpileStore bean to choose");
        }
        Optional<String> clientConfig = config.value(ClusterClient.CONFIG).map(String::strip).filter(s -> !s.isEmpty());
        if (clientConfig.isPresent()) {
            HazelcastInstance client = ClusterClient.start(clientConfig.get(), classLoader);
            return new EngineSetup.Created(store(client, namespace), client::shutdown);
        }
        Optional<HazelcastInstance> payara = Jndi.lookup(PAYARA_JNDI_NAME, HazelcastInstance.class);
        if (payara.isPresent()) {
            LOG.log(INFO, "DOGPILE-3005: using Payara's Hazelcast instance (" + PAYARA_JNDI_NAME + ")");
            return new EngineSetup.Created(store(payara.get(), namespace), () -> { });
        }
        HazelcastInstance embedded = EmbeddedMember.start(EmbeddedMember.Settings.from(config::value), classLoader);
        LOG.log(INFO, () -> "DOGPILE-3006: started an embedded Hazelcast member " + embedded.getName());
        DogpileStore store = store(embedded, namespace);
        return new EngineSetup.Created(store, embedded::shutdown);
    }

    private static DogpileStore store(HazelcastInstance hazelcast, Optional<String> namespace) {
        return HazelcastStore.builder(hazelcast).cacheMapPrefix(Namespace.cacheMapPrefix(namespace))
            .lockMapName(Namespace.lockMapName(namespace)).build();
    }
}
