package org.dogpile.it.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regenerations of every node merged into one timeline per key, on the machine's wall clock
 * (shared by all processes), to find regenerations of one key that ran at the same time.
 *
 * <p>Two regenerations of a key <em>overlap</em> when one starts before the other ended (or the
 * other never ended: its process was killed). An overlap is a <em>duplicate while a lease
 * holds</em> when the later one started, on the cluster clock the locks run on, before the lease of
 * the earlier one ran out, or when the earlier one ran without any lease at all.
 */
final class RegenerationTimeline {

    /**
     * One regeneration: its start, and its end when it had one.
     *
     * @param start the start event
     * @param end the end event, or {@code null} when the process died first
     */
    record Regeneration(RegenerationEvent start, RegenerationEvent end) {
        /** @return whether this regeneration was still running at the given wall-clock time */
        boolean runningAt(long wallMicros) {
            return start.wallMicros() <= wallMicros && (end == null || end.wallMicros() > wallMicros);
        }
    }

    /**
     * Two regenerations of one key that ran at once.
     *
     * @param earlier the one that started first
     * @param later the one that started while the first ran
     * @param whileLeaseHeld whether the later one started before the earlier one's lease ran out
     * @param sameLease whether both found the very same lease in the lock map when they started: only
     *     one regeneration holds a lease, so the other ran its loader without the lock, which the engine
     *     does only when the store failed (the call fails open: the method's result is not cached)
     */
    record Overlap(Regeneration earlier, Regeneration later, boolean whileLeaseHeld, boolean sameLease) {
        @Override
        public String toString() {
            return "key " + later.start().cache() + "/" + later.start().key() + ": " + later.start().id()
                + " started at cluster time " + later.start().clusterMillis() + " while " + earlier.start().id()
                + " (lease until " + earlier.start().leaseExpiresAt() + ") "
                + (earlier.end() == null ? "never ended" : "had not ended")
                + (sameLease ? "; one of them ran without the lock (the store failed open)"
                    : whileLeaseHeld ? ": DUPLICATE while the lease held" : "; its lease had run out");
        }
    }

    private final Map<String, List<Regeneration>> byKey = new LinkedHashMap<>();
    private final List<RegenerationEvent> unmatchedEnds = new ArrayList<>();
    private final Map<String, Long> finalLeases;

    /** @param events the events of every node, in any order */
    RegenerationTimeline(List<RegenerationEvent> events) {
        this(events, Map.of());
    }

    /**
     * @param events the events of every node, in any order
     * @param finalLeases for regenerations whose lease was renewed after they started (by id): when
     *     their lease finally ran out, on the cluster clock (a killed regeneration's last renewal plus
     *     the lease); the others are judged by the lease they started under
     */
    RegenerationTimeline(List<RegenerationEvent> events, Map<String, Long> finalLeases) {
        this.finalLeases = Map.copyOf(finalLeases);
        Map<String, RegenerationEvent> ends = new HashMap<>();
        for (RegenerationEvent event : events) {
            if (event.type() == RegenerationEvent.Type.END) {
                ends.put(event.id(), event);
            }
        }
        for (RegenerationEvent event : events) {
            if (event.type() == RegenerationEvent.Type.START) {
                byKey.computeIfAbsent(event.cache() + "/" + event.key(), k -> new ArrayList<>())
                    .add(new Regeneration(event, ends.remove(event.id())));
            }
        }
        unmatchedEnds.addAll(ends.values());
        byKey.values().forEach(list -> list.sort(Comparator.comparingLong(r -> r.start().wallMicros())));
    }

    /** @return how many regenerations started */
    int regenerations() {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    /** @return how many keys were regenerated at least once */
    int keys() {
        return byKey.size();
    }

    /** @return every regeneration, per key in order of start */
    List<Regeneration> all() {
        return byKey.values().stream().flatMap(List::stream).toList();
    }

    /** @return the regenerations that never ended */
    List<Regeneration> unfinished() {
        return byKey.values().stream().flatMap(List::stream).filter(r -> r.end() == null).toList();
    }

    /** @return end events without a start: the timeline is incomplete */
    List<RegenerationEvent> unmatchedEnds() {
        return List.copyOf(unmatchedEnds);
    }

    /** @return every pair of regenerations of one key that ran at once */
    List<Overlap> overlaps() {
        List<Overlap> overlaps = new ArrayList<>();
        for (List<Regeneration> regenerations : byKey.values()) {
            for (int i = 1; i < regenerations.size(); i++) {
                Regeneration later = regenerations.get(i);
                for (int j = 0; j < i; j++) {
                    Regeneration earlier = regenerations.get(j);
                    if (earlier.runningAt(later.start().wallMicros())) {
                        long lease = finalLeases.getOrDefault(earlier.start().id(), earlier.start().leaseExpiresAt());
                        boolean whileLeaseHeld = lease < 0 || later.start().clusterMillis() < lease;
                        boolean sameLease = earlier.start().leaseExpiresAt() >= 0
                            && earlier.start().leaseExpiresAt() == later.start().leaseExpiresAt();
                        overlaps.add(new Overlap(earlier, later, whileLeaseHeld && !sameLease, sameLease));
                    }
                }
            }
        }
        return overlaps;
    }

    /**
     * @return the overlaps of two regenerations under locks of their own in which the later one
     *     started while the earlier one's lease held
     */
    List<Overlap> duplicatesWhileLeaseHeld() {
        return overlaps().stream().filter(Overlap::whileLeaseHeld).toList();
    }

    /** @return the overlaps in which one of the two ran its loader without the lock (the store failed open) */
    List<Overlap> withoutLock() {
        return overlaps().stream().filter(Overlap::sameLease).toList();
    }

    /** @return the overlaps of two regenerations that each held a lease of their own */
    List<Overlap> underOwnLeases() {
        return overlaps().stream().filter(o -> !o.sameLease()).toList();
    }

    /**
     * @param cache a cache name
     * @return how many regenerations of that cache started
     */
    long regenerationsOf(String cache) {
        return byKey.values().stream().flatMap(List::stream).filter(r -> r.start().cache().equals(cache)).count();
    }
}
