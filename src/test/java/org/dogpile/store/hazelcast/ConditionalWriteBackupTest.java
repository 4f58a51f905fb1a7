package org.dogpile.store.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import org.dogpile.store.StoredEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conditional writes that go through the library's entry processor ({@code putIfAbsent} of an
 * entry and of a lock) reach the backup replica: the partition owner dies right after them and the
 * value is still there, and a write refused because a value was present leaves it alone.
 */
class ConditionalWriteBackupTest {

    private TestCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = TestCluster.start(2);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void putIfAbsent_ownerDiesRightAfter_entryAndLockSurviveOnTheBackup() {
        HazelcastInstance owner = cluster.member(0);
        HazelcastInstance survivor = cluster.member(1);
        String key = keyOwnedBy(owner, "entry-");
        String lockKey = keyOwnedBy(owner, "lock-");
        try (HazelcastStore store = new HazelcastStore(survivor)) {
            StoredEntry entry = StoredEntry.pending(42, survivor.getCluster().getClusterTime());
            assertTrue(store.entries().putIfAbsent("backups", key, entry, 60_000));
            assertFalse(store.entries().putIfAbsent("backups", key, StoredEntry.pending(43, 0), 60_000));
            assertTrue(store.locks().putIfAbsent(lockKey, "token@1", 60_000));
            assertFalse(store.locks().putIfAbsent(lockKey, "other@2", 60_000));

            owner.getLifecycleService().terminate();
            TestCluster.await("the survivor alone", 30_000, () -> survivor.getCluster().getMembers().size() == 1);

            assertTrue(store.entries().get("backups", key).sameWriteAs(entry), "the entry's backup");
            assertEquals("token@1", store.locks().get(lockKey), "the lock's backup");
        }
    }

    private static String keyOwnedBy(HazelcastInstance member, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (member.getPartitionService().getPartition(key).getOwner().equals(member.getCluster().getLocalMember())) {
                return key;
            }
        }
    }
}
