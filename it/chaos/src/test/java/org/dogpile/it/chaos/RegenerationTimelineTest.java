package org.dogpile.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker that the chaos and soak tests rely on finds what it must find, and only that. */
class RegenerationTimelineTest {

    private static RegenerationEvent start(String id, String key, long lease, long clusterMillis, long wallMicros) {
        return new RegenerationEvent(RegenerationEvent.Type.START, "c", key, id, 1, lease, clusterMillis, wallMicros,
            false);
    }

    private static RegenerationEvent end(String id, String key, long wallMicros) {
        return new RegenerationEvent(RegenerationEvent.Type.END, "c", key, id, 1, -1, 0, wallMicros, false);
    }

    @Test
    void regenerations_oneAfterAnother_noOverlap() {
        RegenerationTimeline timeline = new RegenerationTimeline(List.of(
            start("a", "k", 2_000, 0, 0), end("a", "k", 1_000),
            start("b", "k", 3_000, 1, 1_000), end("b", "k", 2_000)));

        assertEquals(2, timeline.regenerations());
        assertTrue(timeline.overlaps().isEmpty());
        assertTrue(timeline.unfinished().isEmpty());
    }

    @Test
    void regenerations_ofDifferentKeysAtOnce_noOverlap() {
        RegenerationTimeline timeline = new RegenerationTimeline(List.of(
            start("a", "k1", 2_000, 0, 0), start("b", "k2", 2_000, 0, 10), end("b", "k2", 20), end("a", "k1", 30)));

        assertEquals(2, timeline.keys());
        assertTrue(timeline.overlaps().isEmpty());
    }

    @Test
    void secondStart_whileFirstLeaseHeld_isDuplicate() {
        RegenerationTimeline timeline = new RegenerationTimeline(List.of(
            start("a", "k", 2_000, 0, 0), start("b", "k", 4_000, 1_999, 5), end("b", "k", 6), end("a", "k", 7)));

        assertEquals(1, timeline.duplicatesWhileLeaseHeld().size());
        assertTrue(timeline.duplicatesWhileLeaseHeld().get(0).toString().contains("DUPLICATE"));
    }

    @Test
    void takeover_afterKilledHolderLeaseRanOut_overlapButNoDuplicate() {
        RegenerationTimeline timeline = new RegenerationTimeline(List.of(
            start("victim", "k", 2_000, 0, 0), start("b", "k", 4_000, 2_000, 2_000_000), end("b", "k", 2_100_000)));

        assertEquals(1, timeline.overlaps().size());
        assertTrue(timeline.duplicatesWhileLeaseHeld().isEmpty());
        assertEquals("victim", timeline.unfinished().get(0).start().id());
    }

    @Test
    void regeneration_withoutLease_isDuplicateOfAnyOverlap() {
        RegenerationTimeline timeline = new RegenerationTimeline(List.of(
            start("a", "k", -1, 0, 0), start("b", "k", 9_000, 5_000, 5_000_000), end("b", "k", 5_000_001)));

        assertFalse(timeline.duplicatesWhileLeaseHeld().isEmpty());
    }

    @Test
    void endEvent_withoutStart_reportedAsUnmatched() {
        RegenerationTimeline timeline = new RegenerationTimeline(List.of(end("x", "k", 3)));

        assertEquals(1, timeline.unmatchedEnds().size());
    }

    @Test
    void eventLine_roundTrip_sameEvent() {
        RegenerationEvent event = start("7-1", "s1:a", 123, 45, 67);

        assertEquals(event, RegenerationEvent.parse(event.toLine()));
    }
}
