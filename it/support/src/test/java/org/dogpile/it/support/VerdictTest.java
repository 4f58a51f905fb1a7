package org.dogpile.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.MultipleFailuresError;

/**
 * The verdict on made-up traces: it accepts what the library promises and rejects a stampede, an
 * early regeneration, callers that waited instead of getting the stale value, and a load that never
 * saw a regeneration.
 */
class VerdictTest {
    private static final Duration EXPIRE = Duration.ofSeconds(2);

    /** Runs at 0, 2.3 s and 4.6 s (each taking 300 ms); calls every 100 ms from 0 to 6 s. */
    private static List<Invocation> regularRuns() {
        return List.of(new Invocation("1", 0, 300), new Invocation("2", 2300, 2600), new Invocation("3", 4600, 4900));
    }

    /** What a dogpile serves: the newest stored value; during a regeneration, the previous one, at once. */
    private static List<Observation> dogpileCalls(List<Invocation> runs) {
        List<Observation> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(new Observation(0, 0, 300, "1", null));
        }
        for (long t = 400; t <= 6000; t += 100) {
            String id = "1";
            for (Invocation run : runs) {
                if (run.finishedAt() <= t) {
                    id = run.id();
                }
            }
            calls.add(new Observation((int) (t / 100), t, t + 5, id, null));
        }
        return calls;
    }

    @Test
    void verdict_oneRunPerExpiryAndStaleAnswersDuringRegeneration_passes() {
        Verdict verdict = Verdict.of(EXPIRE, regularRuns(), dogpileCalls(regularRuns()));

        verdict.assertOnePerExpiryAndStaleServed(2);
        assertEquals(3, verdict.invocationCount());
        assertEquals(3, verdict.expiries());
        assertEquals(List.of(3, 3), verdict.staleDuringRegeneration());
    }

    @Test
    void verdict_twoRunsInOneFreshnessPeriod_fails() {
        List<Invocation> stampede = new ArrayList<>(regularRuns());
        stampede.add(new Invocation("4", 2310, 2610));
        List<Observation> calls = new ArrayList<>(dogpileCalls(regularRuns()));
        calls.add(new Observation(23, 2310, 2610, "4", null));

        MultipleFailuresError failure = assertThrows(MultipleFailuresError.class,
            () -> Verdict.of(EXPIRE, stampede, calls).assertOnePerExpiryAndStaleServed(2));
        assertTrue(failure.getMessage().contains("regenerated while still fresh"), failure.getMessage());
    }

    @Test
    void verdict_callersWaitedForTheRegeneration_fails() {
        List<Observation> waited = dogpileCalls(regularRuns()).stream()
            .map(call -> {
                for (Invocation run : regularRuns()) {
                    if (call.sentAt() >= run.startedAt() && call.sentAt() < run.finishedAt()) {
                        return new Observation(call.wave(), call.sentAt(), run.finishedAt(), run.id(), null);
                    }
                }
                return call;
            })
            .toList();

        MultipleFailuresError failure = assertThrows(MultipleFailuresError.class,
            () -> Verdict.of(EXPIRE, regularRuns(), waited).assertOnePerExpiryAndStaleServed(2));
        assertTrue(failure.getMessage().contains("no caller got the previous value"), failure.getMessage());
    }

    @Test
    void verdict_loadShorterThanAnExpiry_fails() {
        List<Invocation> once = List.of(new Invocation("1", 0, 300));
        List<Observation> calls = List.of(new Observation(0, 0, 300, "1", null), new Observation(1, 400, 405, "1", null));

        MultipleFailuresError failure = assertThrows(MultipleFailuresError.class,
            () -> Verdict.of(EXPIRE, once, calls).assertOnePerExpiryAndStaleServed(2));
        assertTrue(failure.getMessage().contains("never regenerated"), failure.getMessage());
    }

    @Test
    void verdict_oldValueLongAfterANewerOneLanded_fails() {
        List<Observation> calls = new ArrayList<>(dogpileCalls(regularRuns()));
        calls.add(new Observation(50, 5000, 5005, "1", null));

        MultipleFailuresError failure = assertThrows(MultipleFailuresError.class,
            () -> Verdict.of(EXPIRE, regularRuns(), calls).assertOnePerExpiryAndStaleServed(2));
        assertTrue(failure.getMessage().contains("long after a newer one"), failure.getMessage());
    }
}
