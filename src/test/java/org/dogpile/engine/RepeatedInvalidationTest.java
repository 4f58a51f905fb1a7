package org.dogpile.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.dogpile.store.InMemoryStore;
import org.dogpile.testing.ManualClock;
import org.dogpile.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A soft invalidation of an entry that an earlier soft invalidation already marked stale still wins
 * over a regeneration running from that marked entry: two engines on one store stand for two
 * members, a latch holds the regeneration, a manual clock stands still.
 */
class RepeatedInvalidationTest {

    private static final String CACHE = "prices";
    private static final String KEY = "s2:eu";

    private final ManualClock clock = new ManualClock();
    private final InMemoryStore store = new InMemoryStore(clock);
    private final DogpileEngine memberA = DogpileEngine.builder(store).renewalPeriod(Duration.ZERO).build();
    private final DogpileEngine memberB = DogpileEngine.builder(store).renewalPeriod(Duration.ZERO).build();
    private final DogpilePolicy policy = DogpilePolicy.expireAfter(Duration.ofSeconds(10));

    @AfterEach
    void close() {
        memberA.close();
        memberB.close();
    }

    @Test
    void secondSoftInvalidation_duringRegenerationOfAMarkedEntry_resultIsNotStoredAsFresh() throws Exception {
        memberA.get(CACHE, KEY, policy, () -> "v1");
        assertTrue(memberB.invalidateSoftly(CACHE, KEY));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread regenerating = Threads.start("regenerating", () -> {
            try {
                result.set(memberA.get(CACHE, KEY, policy, () -> {
                    entered.countDown();
                    assertTrue(release.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
                    return "v2-read-before-the-second-invalidation";
                }));
            } catch (Exception e) {
                result.set(e);
            }
        });
        assertTrue(entered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));

        assertTrue(memberB.invalidateSoftly(CACHE, KEY));
        release.countDown();
        Threads.join(regenerating);

        assertEquals("v2-read-before-the-second-invalidation", result.get(), "its own caller gets the result");
        assertTrue(memberA.peek(CACHE, KEY).orElseThrow().invalidated(),
            "still stale: the regeneration started before the second invalidation");
        assertEquals("v3", memberB.get(CACHE, KEY, policy, () -> "v3"), "the next caller regenerates");
    }

    @Test
    void secondSoftInvalidationOfWholeCache_duringRegenerationOfAMarkedEntry_resultIsNotStoredAsFresh() throws Exception {
        memberA.get(CACHE, KEY, policy, () -> "v1");
        memberB.invalidateAllSoftly(CACHE);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread regenerating = Threads.start("regenerating", () -> {
            try {
                memberA.get(CACHE, KEY, policy, () -> {
                    entered.countDown();
                    assertTrue(release.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));
                    return "v2-read-before-the-second-invalidation";
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(entered.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS));

        memberB.invalidateAllSoftly(CACHE);
        release.countDown();
        Threads.join(regenerating);

        assertTrue(memberA.peek(CACHE, KEY).orElseThrow().invalidated(),
            "still stale: the regeneration started before the second invalidation");
    }
}
