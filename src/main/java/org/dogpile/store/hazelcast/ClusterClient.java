package org.dogpile.store.hazelcast;

import static java.lang.System.Logger.Level.INFO;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A Hazelcast client of a dedicated cluster, started from a client configuration file, for
 * applications whose values live in a cluster of their own rather than in members inside the
 * application servers. The cluster's members need nothing of this library: the entries are byte
 * arrays, and plain map calls are used where the members cannot run the library's entry
 * processors ({@code DOGPILE-2509}). The client's own entry listeners feed the local tier.
 */
public final class ClusterClient {

    /** A Hazelcast client configuration file: a path, or {@code classpath:name}. */
    public static final String CONFIG = "dogpile.hazelcast.client-config";

    private static final System.Logger LOG = System.getLogger(ClusterClient.class.getName());

    private ClusterClient() {
    }

    /**
     * Connects to the cluster the configuration names; returns once connected.
     *
     * @param location the configuration file: a path, or {@code classpath:name}; {@code .yaml} or
     *     {@code .yml} is read as YAML, anything else as XML
     * @param classLoader where to look for a {@code classpath:} file
     * @return the running client; the caller shuts it down
     * @throws IllegalArgumentException if the file does not exist or cannot be read
     */
    public static HazelcastInstance start(String location, ClassLoader classLoader) {
        ClientConfig config = config(location, classLoader);
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        LOG.log(INFO, () -> "DOGPILE-2510: connected to Hazelcast cluster '" + config.getClusterName() + "' as client "
            + client.getName() + " (" + CONFIG + "=" + location + ")");
        return client;
    }

    /**
     * Reads a client configuration file.
     *
     * @param location a path, or {@code classpath:name}
     * @param classLoader where to look for a {@code classpath:} file
     * @return the configuration
     * @throws IllegalArgumentException if the file does not exist or cannot be read
     */
    public static ClientConfig config(String location, ClassLoader classLoader) {
        String name = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        try (InputStream in = open(location, name, classLoader)) {
            return yaml ? new YamlClientConfigBuilder(in).build() : new XmlClientConfigBuilder(in).build();
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException missing && missing.getMessage().startsWith(CONFIG)) {
                throw missing;
            }
            throw new IllegalArgumentException(CONFIG + "=" + location + ": cannot read the Hazelcast client configuration: "
                + e.getMessage(), e);
        }
    }

    private static InputStream open(String location, String name, ClassLoader classLoader) throws IOException {
        if (location.startsWith("classpath:")) {
            URL resource = classLoader.getResource(name);
            if (resource == null) {
                throw new IllegalArgumentException(CONFIG + "=" + location + ": no such file on the class path");
            }
            return resource.openStream();
        }
        try {
            return Files.newInputStream(Path.of(location));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(CONFIG + "=" + location + ": no such file", e);
        }
    }
}
