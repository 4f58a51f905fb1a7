package org.dogpile.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The checks every server suite runs against one service of the example WAR: caching, one
 * regeneration per expiry under concurrent load, and invalidation.
 */
public final class ExampleChecks {
    private ExampleChecks() {
    }

    /**
     * Runs {@link QuoteApp#LOAD} on one fresh key of a service and asserts the verdict.
     *
     * @param app the application
     * @param label names the run in output and in the files under {@code target/}
     * @param resource which service
     * @param key a key not asked for before
     * @return the verdict, already asserted
     */
    public static Verdict loadAndJudge(QuoteApp app, String label, String resource, String key) {
        long started = System.nanoTime();
        Verdict verdict = app.runLoad(resource, key);
        System.out.printf("[%s] load took %d ms: %s%n", label, (System.nanoTime() - started) / 1_000_000, verdict.summary());
        verdict.writeTo(Path.of("target"), label);
        verdict.assertOnePerExpiryAndStaleServed(2);
        return verdict;
    }

    /**
     * A value is computed once and then served from the cache while fresh; after the
     * {@code @DogpileInvalidate} method returned, the next caller gets a value computed after the
     * invalidation began.
     *
     * @param app the application
     * @param label names the run in output
     * @param read the service to read
     * @param invalidate the service whose {@code DELETE} invalidates the same cache
     * @param key a key not asked for before
     */
    public static void cachesThenInvalidates(QuoteApp app, String label, String read, String invalidate, String key) {
        JsonObject first = app.answer(read, key).join();
        long generation = first.getJsonNumber("generation").longValue();
        long freshUntil = first.getJsonNumber("finishedAt").longValue() + QuoteApp.EXPIRE_AFTER.toMillis()
            - Verdict.TOLERANCE.toMillis();
        List<Long> cached = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long sentAt = System.currentTimeMillis();
            JsonObject again = app.answer(read, key).join();
            if (System.currentTimeMillis() < freshUntil && sentAt < freshUntil) {
                cached.add(again.getJsonNumber("generation").longValue());
            }
        }
        assertFalse(cached.isEmpty(), label + ": no read came back while the first value was fresh (too slow a machine?)");
        assertEquals(List.of(generation), cached.stream().distinct().toList(),
            label + ": reads while fresh must be served the cached value");

        long invalidatedAt = System.currentTimeMillis();
        app.invalidate(invalidate, key);
        JsonObject after = app.answer(read, key).join();
        long afterGeneration = after.getJsonNumber("generation").longValue();
        System.out.printf("[%s] %s/%s: generation %d cached for %d reads; after DELETE %s/%s: generation %d (started %d ms "
            + "after the invalidation began)%n", label, read, key, generation, cached.size(), invalidate, key, afterGeneration,
            after.getJsonNumber("startedAt").longValue() - invalidatedAt);
        assertNotEquals(generation, afterGeneration, label + ": the invalidated value was served again");
        assertTrue(after.getJsonNumber("startedAt").longValue() >= invalidatedAt,
            label + ": the value served after the invalidation was computed before it: " + after);
        List<String> runs = QuoteApp.invocations(app.stats(), key).stream().map(Invocation::id).toList();
        assertTrue(runs.contains(QuoteApp.id(after)), label + ": the backend did not compute " + after
            + "; runs " + runs);
    }

    /**
     * A transaction invalidates a cached value, then goes on for {@code hold} before it commits or
     * rolls back (2 s), while a reader keeps reading (every 50 ms, at least twice inside that time): during the transaction the reader must get the old
     * value (nothing is committed yet); after a commit the next read gets a value computed after the
     * transaction's work, after a rollback still the old value.
     *
     * @param app the application (with the probes' {@code api/tx})
     * @param label names the run in output
     * @param account a key not asked for before
     * @param rollback whether the transaction rolls back
     * @param programmatic invalidate through {@code DogpileCaches} instead of {@code @DogpileInvalidate}
     */
    public static void invalidationInTransaction(QuoteApp app, String label, String account, boolean rollback,
            boolean programmatic) {
        long hold = 2_000;
        String before = QuoteApp.id(app.answer("tx", account).join());
        long postSentAt = System.currentTimeMillis();
        CompletableFuture<Integer> transaction = app.post("api/tx/" + account + "?hold=" + hold + "&rollback=" + rollback
            + "&via=" + (programmatic ? "caches" : "annotation"));
        List<String> duringTransaction = new ArrayList<>();
        int reads = 0;
        while (!transaction.isDone()) {
            JsonObject read = app.answer("tx", account).join();
            reads++;
            if (System.currentTimeMillis() < postSentAt + hold) {
                duringTransaction.add(QuoteApp.id(read));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        int status = transaction.join();
        long postAnsweredAt = System.currentTimeMillis();
        JsonObject after = app.answer("tx", account).join();
        System.out.printf("[%s] %s, %s: %d reads while the transaction ran, %d of them inside its work, values %s; "
            + "transaction answered %d after %d ms; then %s (before: %s)%n", label, rollback ? "rollback" : "commit",
            programmatic ? "DogpileCaches.invalidate" : "@DogpileInvalidate", reads, duringTransaction.size(),
            duringTransaction.stream().distinct().toList(), status, postAnsweredAt - postSentAt, QuoteApp.id(after), before);
        assertEquals(204, status, label + ": the transaction's request failed");
        assertTrue(duringTransaction.size() >= 2, label + ": too few reads inside the transaction: " + duringTransaction.size());
        assertEquals(List.of(before), duringTransaction.stream().distinct().toList(),
            label + ": a reader got a value computed before the transaction committed");
        if (rollback) {
            assertEquals(before, QuoteApp.id(after), label + ": a rolled-back transaction invalidated the value");
        } else {
            assertNotEquals(before, QuoteApp.id(after), label + ": the committed invalidation did not take effect");
            assertTrue(after.getJsonNumber("startedAt").longValue() >= postSentAt + hold,
                label + ": the value after the commit was computed before the transaction's work ended: " + after);
        }
    }
}
