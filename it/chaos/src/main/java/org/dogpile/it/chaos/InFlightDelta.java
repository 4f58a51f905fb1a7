package org.dogpile.it.chaos;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Adds to a key's count of regenerations in flight, atomically on the member that owns the key,
 * and returns the new count.
 */
public final class InFlightDelta implements EntryProcessor<String, Integer, Integer> {
    private static final long serialVersionUID = 1L;

    private final int delta;

    /** @param delta what to add: +1 on entering a loader, -1 on leaving it */
    public InFlightDelta(int delta) {
        this.delta = delta;
    }

    @Override
    public Integer process(Map.Entry<String, Integer> entry) {
        int count = (entry.getValue() == null ? 0 : entry.getValue()) + delta;
        entry.setValue(count);
        return count;
    }
}
