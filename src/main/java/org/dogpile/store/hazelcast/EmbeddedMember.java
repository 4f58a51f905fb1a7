package org.dogpile.store.hazelcast;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.EndpointConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InterfacesConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.XmlConfigBuilder;
import com.hazelcast.config.YamlConfigBuilder;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Hazelcast member the library starts when the application provides none: hardened by default,
 * and checked when the application configures it.
 *
 * <p>Without a configuration file the member
 * <ul>
 * <li>has no client endpoint: the advanced network is on with a member endpoint only, on
 *     127.0.0.1, so no Hazelcast client can connect;</li>
 * <li>does not look for other members (multicast, auto-detection and TCP-IP join off) and does not
 *     bind all interfaces;</li>
 * <li>has a random cluster name ({@code dogpile-} and 32 hex digits) unless
 *     {@value #CLUSTER_NAME} sets one;</li>
 * <li>decodes Java-serialized objects only of the classes Hazelcast itself needs
 *     ({@link #serializationFilter()}; the library's entries are bytes it decodes itself);</li>
 * <li>bounds every cache map: at most {@value #MAX_ENTRIES} entries per cache and member
 *     (default {@value #DEFAULT_MAX_ENTRIES}), least recently used first out;</li>
 * <li>never phones home.</li>
 * </ul>
 *
 * <p>A configuration file is read only when asked for: {@value #CONFIG} or Hazelcast's own
 * {@code hazelcast.config} system property (a file path, or {@code classpath:name}), or a
 * {@code hazelcast.xml}, {@code hazelcast.yaml} or {@code hazelcast.yml} on the application's
 * class path. Hazelcast's habit of reading one from the working directory is not followed (not even
 * through a class path that holds the working directory). A
 * configured member keeps its settings, gets the cache-map bounds when it configures no
 * {@code dogpile.cache.*} map itself, and its effective network settings are logged once, with a
 * warning for each of: multicast or auto-detection join, binding all interfaces, a client endpoint,
 * no Java serialization filter, phone-home on ({@link #audit}).
 */
public final class EmbeddedMember {

    /** The cluster name of the embedded member; random when not set. */
    public static final String CLUSTER_NAME = "dogpile.hazelcast.cluster-name";
    /** The most entries a cache map keeps per member before evicting the least recently used. */
    public static final String MAX_ENTRIES = "dogpile.hazelcast.max-entries";
    /** A Hazelcast configuration file for the embedded member: a path, or {@code classpath:name}. */
    public static final String CONFIG = "dogpile.hazelcast.config";
    /** The default of {@value #MAX_ENTRIES}. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private static final System.Logger LOG = System.getLogger(EmbeddedMember.class.getName());
    private static final List<String> CLASS_PATH_FILES = List.of("hazelcast.xml", "hazelcast.yaml", "hazelcast.yml");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedMember() {
    }

    /**
     * What the application configured for the embedded member.
     *
     * @param clusterName the cluster name, or empty for a random one
     * @param maxEntriesPerCache the most entries per cache map and member
     * @param configLocation a configuration file to use instead of the hardened default
     */
    public record Settings(Optional<String> clusterName, int maxEntriesPerCache, Optional<String> configLocation) {

        /**
         * @param clusterName the cluster name, or empty for a random one
         * @param maxEntriesPerCache the most entries per cache map and member
         * @param configLocation a configuration file to use instead of the hardened default
         * @throws IllegalArgumentException if {@code maxEntriesPerCache} is not positive or the
         *     cluster name is blank
         */
        public Settings {
            Objects.requireNonNull(clusterName, "clusterName cannot be null");
            Objects.requireNonNull(configLocation, "configLocation cannot be null");
            if (maxEntriesPerCache <= 0) {
                throw new IllegalArgumentException(MAX_ENTRIES + " must be positive, got " + maxEntriesPerCache);
            }
            if (clusterName.isPresent() && clusterName.get().isBlank()) {
                throw new IllegalArgumentException(CLUSTER_NAME + " cannot be blank");
            }
        }

        /**
         * @return a random cluster name, {@value #DEFAULT_MAX_ENTRIES} entries per cache, no file
         */
        public static Settings defaults() {
            return new Settings(Optional.empty(), DEFAULT_MAX_ENTRIES, Optional.empty());
        }

        /**
         * Reads {@value #CLUSTER_NAME}, {@value #MAX_ENTRIES} and {@value #CONFIG}; when
         * {@value #CONFIG} is not set, Hazelcast's {@code hazelcast.config} system property.
         *
         * @param lookup a configuration source, for example MicroProfile Config or system properties
         * @return the settings
         * @throws IllegalArgumentException if {@value #MAX_ENTRIES} is not a positive number
         */
        public static Settings from(Function<String, Optional<String>> lookup) {
            Optional<String> name = lookup.apply(CLUSTER_NAME).map(String::strip).filter(s -> !s.isEmpty());
            int max = lookup.apply(MAX_ENTRIES).map(String::strip).map(value -> {
                try {
                    return Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(MAX_ENTRIES + " must be a number, got '" + value + "'", e);
                }
            }).orElse(DEFAULT_MAX_ENTRIES);
            Optional<String> location = lookup.apply(CONFIG)
                .or(() -> Optional.ofNullable(System.getProperty("hazelcast.config")))
                .map(String::strip).filter(s -> !s.isEmpty());
            return new Settings(name, max, location);
        }
    }

    /**
     * Starts the member and logs its effective network settings once (and the warnings of
     * {@link #audit} for a configured member).
     *
     * @param settings the settings
     * @param classLoader where to look for {@code hazelcast.xml}/{@code .yaml}/{@code .yml}
     * @return the running member; the caller shuts it down
     */
    public static HazelcastInstance start(Settings settings, ClassLoader classLoader) {
        Config config = config(settings, classLoader);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        LOG.log(INFO, () -> "DOGPILE-2501: embedded Hazelcast member " + member.getName() + ": " + describe(config)
            + ", at " + member.getCluster().getLocalMember().getAddress());
        return member;
    }

    /**
     * The configuration {@link #start} uses: the configuration file asked for, else a
     * {@code hazelcast.xml}/{@code .yaml}/{@code .yml} on the class path, else
     * {@link #hardened}. Logs the warnings of {@link #audit} for a configuration file.
     *
     * @param settings the settings
     * @param classLoader where to look for configuration files on the class path
     * @return the configuration
     * @throws IllegalArgumentException if the configuration file asked for does not exist
     */
    public static Config config(Settings settings, ClassLoader classLoader) {
        Optional<Config> configured = settings.configLocation().map(location -> load(location, classLoader));
        if (configured.isEmpty()) {
            for (String name : CLASS_PATH_FILES) {
                Optional<URL> resource = outsideWorkingDirectory(classLoader, name);
                if (resource.isPresent()) {
                    configured = Optional.of(loadFrom(resource.get()));
                    break;
                }
            }
        }
        if (configured.isEmpty()) {
            return hardened(settings);
        }
        Config config = configured.get();
        settings.clusterName().ifPresent(config::setClusterName);
        if (config.getMapConfigOrNull(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + "*") == null) {
            config.addMapConfig(cacheMaps(settings.maxEntriesPerCache()));
        }
        List<String> warnings = audit(config);
        if (!warnings.isEmpty()) {
            LOG.log(WARNING, () -> "DOGPILE-2508: the configured embedded Hazelcast member is exposed: "
                + String.join(" | ", warnings));
        }
        return config;
    }

    /**
     * The hardened configuration of a member the library starts without a configuration file (see
     * the class documentation).
     *
     * @param settings the settings
     * @return a new configuration
     */
    public static Config hardened(Settings settings) {
        Config config = new Config();
        config.setClusterName(settings.clusterName().orElseGet(EmbeddedMember::randomClusterName));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        ServerSocketEndpointConfig members = new ServerSocketEndpointConfig();
        members.setPort(5701).setPortAutoIncrement(true).setPortCount(100);
        members.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        network.setMemberEndpointConfig(members);
        network.getEndpointConfigs().keySet().removeIf(qualifier -> !qualifier.equals(EndpointQualifier.MEMBER));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        config.getSerializationConfig().setJavaSerializationFilterConfig(serializationFilter());
        config.addMapConfig(cacheMaps(settings.maxEntriesPerCache()));
        return config;
    }

    /**
     * The member's Java deserialization filter: defaults off, an allow-list of what Hazelcast
     * itself sends between members (its own classes, and the JDK classes of exceptions and
     * collections), refusing everything else. The library's own entries never need it.
     *
     * @return a new filter configuration
     */
    public static JavaSerializationFilterConfig serializationFilter() {
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig().setDefaultsDisabled(true);
        filter.getWhitelist().addPrefixes("com.hazelcast.", "java.lang.", "java.util.", "java.time.", "java.math.",
            "[", "org.dogpile.store.");
        return filter;
    }

    /**
     * Checks a member configuration for settings that expose it, as log lines with message ids.
     *
     * @param config a member configuration
     * @return the warnings, empty when none
     */
    public static List<String> audit(Config config) {
        List<String> warnings = new ArrayList<>();
        boolean advanced = config.getAdvancedNetworkConfig().isEnabled();
        JoinConfig join = advanced ? config.getAdvancedNetworkConfig().getJoin() : config.getNetworkConfig().getJoin();
        if (join.getMulticastConfig().isEnabled()) {
            warnings.add("DOGPILE-2502: the embedded Hazelcast member joins by multicast: any host on the network"
                + " with the cluster name can join and read or write every cache; use TCP-IP join on known addresses");
        }
        if (join.isAutoDetectionEnabled()) {
            warnings.add("DOGPILE-2503: the embedded Hazelcast member has auto-detection join on (it falls back to"
                + " multicast); disable it and use TCP-IP join on known addresses");
        }
        if (bindsAnyInterface(config, advanced)) {
            warnings.add("DOGPILE-2504: the embedded Hazelcast member binds all network interfaces; set"
                + " hazelcast.socket.bind.any=false and list the interfaces to use");
        }
        if (!advanced || config.getAdvancedNetworkConfig().getEndpointConfigs().containsKey(EndpointQualifier.CLIENT)) {
            warnings.add("DOGPILE-2505: the embedded Hazelcast member accepts clients, which open-source Hazelcast"
                + " does not authenticate; enable the advanced network with a member endpoint only");
        }
        JavaSerializationFilterConfig filter = config.getSerializationConfig().getJavaSerializationFilterConfig();
        if (filter == null) {
            warnings.add("DOGPILE-2506: the embedded Hazelcast member has no Java serialization filter; configure"
                + " java-serialization-filter with an allow-list (defaults-disabled)");
        }
        String phoneHome = Optional.ofNullable(config.getProperty("hazelcast.phone.home.enabled"))
            .orElse(System.getProperty("hazelcast.phone.home.enabled", "true"));
        if (!"false".equals(phoneHome.strip().toLowerCase(Locale.ROOT))) {
            warnings.add("DOGPILE-2507: the embedded Hazelcast member phones home; set"
                + " hazelcast.phone.home.enabled=false");
        }
        return warnings;
    }

    /**
     * The effective network settings of a configuration, for the start-up log line: cluster name
     * (its length only, it is a shared secret), endpoints, interfaces and join.
     *
     * @param config a member configuration
     * @return one line
     */
    static String describe(Config config) {
        boolean advanced = config.getAdvancedNetworkConfig().isEnabled();
        JoinConfig join = advanced ? config.getAdvancedNetworkConfig().getJoin() : config.getNetworkConfig().getJoin();
        List<String> joins = new ArrayList<>();
        if (join.getMulticastConfig().isEnabled()) {
            joins.add("multicast");
        }
        if (join.isAutoDetectionEnabled()) {
            joins.add("auto-detection");
        }
        if (join.getTcpIpConfig().isEnabled()) {
            joins.add("tcp-ip " + join.getTcpIpConfig().getMembers());
        }
        String endpoints;
        if (advanced) {
            List<String> names = new ArrayList<>();
            config.getAdvancedNetworkConfig().getEndpointConfigs().forEach((qualifier, endpoint) ->
                names.add(qualifier.getType().name().toLowerCase(Locale.ROOT) + interfaces(endpoint.getInterfaces())));
            endpoints = "endpoints " + names;
        } else {
            endpoints = "one endpoint for members and clients, port " + config.getNetworkConfig().getPort()
                + interfaces(config.getNetworkConfig().getInterfaces());
        }
        return "cluster name of " + config.getClusterName().length() + " characters, " + endpoints
            + ", bind any " + !"false".equals(config.getProperty("hazelcast.socket.bind.any"))
            + ", join " + (joins.isEmpty() ? "none" : String.join(" + ", joins))
            + ", java serialization filter " + (config.getSerializationConfig().getJavaSerializationFilterConfig() != null);
    }

    private static String interfaces(InterfacesConfig interfaces) {
        return interfaces.isEnabled() ? " on " + interfaces.getInterfaces() : " on all interfaces";
    }

    private static boolean bindsAnyInterface(Config config, boolean advanced) {
        if (!"false".equals(config.getProperty("hazelcast.socket.bind.any"))) {
            return true;
        }
        if (advanced) {
            for (EndpointConfig endpoint : config.getAdvancedNetworkConfig().getEndpointConfigs().values()) {
                if (!endpoint.getInterfaces().isEnabled()) {
                    return true;
                }
            }
            return false;
        }
        return !config.getNetworkConfig().getInterfaces().isEnabled();
    }

    private static MapConfig cacheMaps(int maxEntries) {
        MapConfig maps = new MapConfig(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + "*");
        maps.setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
            .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(maxEntries));
        return maps;
    }

    private static Config load(String location, ClassLoader classLoader) {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            if (classLoader.getResource(name) == null) {
                throw new IllegalArgumentException("the Hazelcast configuration " + location + " is not on the class path");
            }
            return Config.loadFromClasspath(classLoader, name);
        }
        try {
            return Config.loadFromFile(new File(location));
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("the Hazelcast configuration file " + location + " does not exist", e);
        }
    }

    /**
     * The first class-path resource of that name that is not a file in the working directory (a
     * class path holding {@code .} or an empty entry would otherwise read one from there).
     */
    private static Optional<URL> outsideWorkingDirectory(ClassLoader classLoader, String name) {
        try {
            Path workingDirectory = Path.of("").toAbsolutePath().normalize();
            for (URL url : Collections.list(classLoader.getResources(name))) {
                if (!"file".equals(url.getProtocol())
                    || !Path.of(url.toURI()).toAbsolutePath().normalize().getParent().equals(workingDirectory)) {
                    return Optional.of(url);
                }
            }
            return Optional.empty();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot look for " + name + " on the class path: " + e, e);
        }
    }

    private static Config loadFrom(URL url) {
        try (InputStream in = url.openStream()) {
            return url.getPath().endsWith(".xml") ? new XmlConfigBuilder(in).build() : new YamlConfigBuilder(in).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Hazelcast configuration " + url + ": " + e, e);
        }
    }

    private static String randomClusterName() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "dogpile-" + HexFormat.of().formatHex(bytes);
    }
}
