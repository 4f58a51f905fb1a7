package org.dogpile.store.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.codec.gadget.Bombs;
import org.dogpile.codec.gadget.Gadget;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.store.EntryFormat;
import org.dogpile.store.StoredEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stranger who can write into a cache map (a second member that knows the cluster name, or a
 * client of an instance with a client endpoint) plants a gadget in the library's entry format;
 * the next call must regenerate and never run it. Members joined by TCP-IP on 127.0.0.1.
 */
class GridGadgetTest {

    private static final String CACHE = "prices";
    private static final String KEY = "1:s2:EU";
    private static final DogpilePolicy POLICY = DogpilePolicy.expireAfter(Duration.ofMinutes(5));

    @BeforeEach
    void reset() {
        Gadget.EXECUTED.set(0);
    }

    /** An entry in the library's format, fresh for an hour, whose value bytes are a Java-serialized gadget. */
    static byte[] plantedEntry(long now) {
        StoredEntry entry = StoredEntry.value(1, now, 3_600_000, now + 3_600_000, "java",
            Bombs.serialize(new Gadget("touch /tmp/pwned")));
        return EntryFormat.encode(entry);
    }

    @Test
    void hardenedMember_gadgetWrittenBySecondMember_neverExecutedCallRegenerates() throws Exception {
        String cluster = "dogpile-test-" + UUID.randomUUID();
        Config victimConfig = EmbeddedMember.hardened(
            new EmbeddedMember.Settings(Optional.of(cluster), 1_000, Optional.empty()));
        victimConfig.setProperty("hazelcast.wait.seconds.before.join", "0");
        // clustered, as an application with several members would configure it (TCP-IP on loopback)
        victimConfig.getAdvancedNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        HazelcastInstance victim = Hazelcast.newHazelcastInstance(victimConfig);
        HazelcastInstance attacker = null;
        try (DogpileEngine engine = new DogpileEngine(new HazelcastStore(victim))) {
            int port = ((InetSocketAddress) victim.getCluster().getLocalMember().getSocketAddress()).getPort();
            attacker = Hazelcast.newHazelcastInstance(attackerMember(cluster, port));
            TestCluster.await("attacker joined", 60_000, () -> victim.getCluster().getMembers().size() == 2);

            IMap<String, Object> map = attacker.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + CACHE);
            map.set(KEY, plantedEntry(victim.getCluster().getClusterTime()));
            AtomicInteger loads = new AtomicInteger();
            assertEquals("fresh", engine.get(CACHE, KEY, POLICY, () -> {
                loads.incrementAndGet();
                return "fresh";
            }));
            assertEquals(1, loads.get(), "the planted entry counts as absent: the call regenerates");
            assertEquals(0, Gadget.EXECUTED.get());

            // the gadget as a plain Java-serialized object: the member's own filter refuses it
            map.set(KEY, new Gadget("touch /tmp/pwned"));
            assertThrows(RuntimeException.class, () -> victim.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + CACHE).get(KEY));
            assertEquals(0, Gadget.EXECUTED.get());
        } finally {
            if (attacker != null) {
                attacker.getLifecycleService().terminate();
            }
            victim.getLifecycleService().terminate();
        }
    }

    @Test
    void applicationInstanceWithoutFilter_gadgetWrittenByClient_neverExecutedCallRegenerates() throws Exception {
        String cluster = "dogpile-test-" + UUID.randomUUID();
        Config plain = new Config().setClusterName(cluster);
        plain.setProperty("hazelcast.phone.home.enabled", "false");
        plain.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).setPortCount(100)
            .getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = plain.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        HazelcastInstance application = Hazelcast.newHazelcastInstance(plain);
        HazelcastInstance client = null;
        try (DogpileEngine engine = new DogpileEngine(new HazelcastStore(application))) {
            int port = ((InetSocketAddress) application.getCluster().getLocalMember().getSocketAddress()).getPort();
            client = HazelcastClient.newHazelcastClient(EmbeddedMemberTest.clientConfig(cluster, port));
            IMap<String, Object> map = client.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + CACHE);
            map.set(KEY, plantedEntry(application.getCluster().getClusterTime()));

            AtomicInteger loads = new AtomicInteger();
            assertEquals("fresh", engine.get(CACHE, KEY, POLICY, () -> {
                loads.incrementAndGet();
                return "fresh";
            }));
            assertEquals(1, loads.get(), "the planted entry counts as absent: the call regenerates");
            assertEquals("fresh", engine.get(CACHE, KEY, POLICY, () -> "not called: the regenerated entry is served"));
            assertEquals(0, Gadget.EXECUTED.get());
        } finally {
            if (client != null) {
                client.shutdown();
            }
            application.getLifecycleService().terminate();
        }
    }

    @Test
    void applicationInstanceWithoutFilter_rawGadgetObject_byteArrayReadNeverDeserializesIt() throws Exception {
        String cluster = "dogpile-test-" + UUID.randomUUID();
        HazelcastInstance application = Hazelcast.newHazelcastInstance(plainMember(cluster));
        HazelcastInstance client = null;
        try {
            int port = ((InetSocketAddress) application.getCluster().getLocalMember().getSocketAddress()).getPort();
            client = HazelcastClient.newHazelcastClient(EmbeddedMemberTest.clientConfig(cluster, port));
            IMap<String, Object> written = client.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + CACHE);
            IMap<String, Object> read = application.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + CACHE);
            written.set(KEY, new Gadget("touch /tmp/pwned"));

            assertEquals(0, read.submitToKey(KEY, ByteArrayRead.INSTANCE).toCompletableFuture().get().length);
            assertEquals(0, read.executeOnKey(KEY, ByteArrayRead.INSTANCE).length);
            assertEquals(0, Gadget.EXECUTED.get());

            byte[] planted = plantedEntry(0);
            written.set(KEY, planted);
            org.junit.jupiter.api.Assertions.assertArrayEquals(planted, read.executeOnKey(KEY, ByteArrayRead.INSTANCE));
            written.delete(KEY);
            assertEquals(null, read.executeOnKey(KEY, ByteArrayRead.INSTANCE));

            // control: a plain get of the same object runs the gadget, so the reads above would have noticed
            written.set(KEY, new Gadget("touch /tmp/pwned"));
            read.get(KEY);
            assertEquals(1, Gadget.EXECUTED.get(), "precondition: IMap.get deserializes what a client wrote");
        } finally {
            if (client != null) {
                client.shutdown();
            }
            application.getLifecycleService().terminate();
        }
    }

    @Test
    void applicationInstanceWithoutFilter_gadgetsInTheLockMapAndAsKeysAndUnderAKeyBeingWritten_neverDeserialized()
            throws Exception {
        String cluster = "dogpile-test-" + UUID.randomUUID();
        Config config = plainMember(cluster);
        config.setProperty("hazelcast.event.thread.count", "1"); // one event thread: events arrive in write order
        HazelcastInstance application = Hazelcast.newHazelcastInstance(config);
        HazelcastInstance client = null;
        try (DogpileEngine engine = new DogpileEngine(new HazelcastStore(application))) {
            int port = ((InetSocketAddress) application.getCluster().getLocalMember().getSocketAddress()).getPort();
            client = HazelcastClient.newHazelcastClient(EmbeddedMemberTest.clientConfig(cluster, port));
            IMap<String, Object> locks = client.getMap(HazelcastStore.DEFAULT_LOCK_MAP_NAME);
            String lockKey = org.dogpile.store.OwnerTokenLocks.lockKey(CACHE, KEY);
            locks.set(lockKey, new Gadget("touch /tmp/pwned"));

            // the lock attempt meets the gadget where a lease belongs: removed unread, the call regenerates
            AtomicInteger loads = new AtomicInteger();
            assertEquals("fresh", engine.get(CACHE, KEY, POLICY, () -> {
                loads.incrementAndGet();
                return "fresh";
            }));
            assertEquals(1, loads.get());
            assertEquals(0, Gadget.EXECUTED.get(), "the lock map's gadget was deserialized");
            assertEquals("fresh", engine.get(CACHE, KEY, POLICY, () -> "not called: the value was cached"));

            // a conditional write that finds a gadget under its key answers "present" without reading it
            IMap<String, Object> cacheMap = client.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + CACHE);
            cacheMap.set("planted", new Gadget("touch /tmp/pwned"));
            assertEquals(false, engine.store().entries().putIfAbsent(CACHE, "planted",
                StoredEntry.pending(1, application.getCluster().getClusterTime()), 60_000));

            // a gadget as a key: the local tier's entry events and the key listing skip it unread
            java.util.concurrent.CountDownLatch eventsSeen = new java.util.concurrent.CountDownLatch(1);
            java.util.List<String> changed = new java.util.concurrent.CopyOnWriteArrayList<>();
            engine.store().entries().subscribe(CACHE, new org.dogpile.store.EntryTable.ChangeListener() {
                @Override
                public void changed(String key) {
                    changed.add(key);
                    if (key.equals("after")) {
                        eventsSeen.countDown();
                    }
                }

                @Override
                public void cleared() {
                }
            });
            IMap<Object, Object> anyKeys = client.getMap(HazelcastStore.DEFAULT_CACHE_MAP_PREFIX + CACHE);
            anyKeys.set(new Gadget("touch /tmp/pwned"), new byte[0]);
            anyKeys.set("after", new byte[0]); // once this event is seen, so was the gadget key's
            org.junit.jupiter.api.Assertions.assertTrue(eventsSeen.await(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(java.util.List.of("after"), changed);
            assertEquals(java.util.Set.of(KEY, "planted", "after"),
                java.util.Set.copyOf(engine.store().entries().keys(CACHE)));
            engine.invalidateAllSoftly(CACHE); // unreadable entries ("planted", "after") count as absent: removed unread
            assertEquals(java.util.Set.of(KEY), java.util.Set.copyOf(engine.store().entries().keys(CACHE)));
            assertEquals(0, Gadget.EXECUTED.get(), "a gadget was deserialized");

            // control: the plain calls the store no longer makes would have run it
            application.getMap(HazelcastStore.DEFAULT_LOCK_MAP_NAME).putIfAbsent(lockKey + "-control", "x");
            locks.set(lockKey + "-control", new Gadget("touch /tmp/pwned"));
            application.getMap(HazelcastStore.DEFAULT_LOCK_MAP_NAME).putIfAbsent(lockKey + "-control", "x");
            assertEquals(1, Gadget.EXECUTED.get(), "precondition: IMap.putIfAbsent deserializes what it finds");
        } finally {
            if (client != null) {
                client.shutdown();
            }
            application.getLifecycleService().terminate();
        }
    }

    static Config plainMember(String cluster) {
        Config plain = new Config().setClusterName(cluster);
        plain.setProperty("hazelcast.phone.home.enabled", "false");
        plain.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).setPortCount(100)
            .getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = plain.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        return plain;
    }

    private static Config attackerMember(String cluster, int victimPort) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(victimPort + 1).setPortAutoIncrement(true).setPortCount(50)
            .getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + victimPort);
        return config;
    }
}
