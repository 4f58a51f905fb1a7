package org.dogpile.it.chaos;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * A cluster-wide logical clock: one entry of a Hazelcast map that every node reads and increments
 * with an entry processor (the CP subsystem's {@code IAtomicLong} is not part of open-source Hazelcast
 * 5.5 and later). A regeneration takes a new number when its loader starts (its generation); an
 * invalidation takes one before and one after it runs; a caller reads one before it calls. Every
 * operation on the entry runs on its partition's thread of the owning member, one at a time, so the
 * counter is linearizable while no member leaves (the scenarios that use it kill or freeze none),
 * and its numbers order events of different processes without relying on any clock.
 */
@ApplicationScoped
public class Generations {
    /** The name of the counter's map. */
    public static final String COUNTER = "chaos.generation";
    private static final String KEY = "counter";

    @Inject
    HazelcastInstance hazelcast;

    private IMap<String, Long> counter;

    /** Creates the bean; the container does this. */
    public Generations() {
    }

    @PostConstruct
    void counter() {
        counter = hazelcast.getMap(COUNTER);
    }

    /** @return a new number, larger than every number handed out or read before this call */
    public long next() {
        return counter.executeOnKey(KEY, new Increment());
    }

    /** @return the latest number handed out */
    public long now() {
        Long now = counter.get(KEY);
        return now == null ? 0 : now;
    }

    /**
     * The generation carried by a value of the form {@code argument#generation#id}.
     *
     * @param value the value
     * @return its generation
     */
    public static long of(String value) {
        String[] parts = value.split("#", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a value with a generation: " + value);
        }
        return Long.parseLong(parts[1]);
    }

    /** Adds one to the counter on the member that owns it and returns the new value. */
    public static final class Increment implements EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;

        /** Creates the processor. */
        public Increment() {
        }

        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
            entry.setValue(next);
            return next;
        }
    }
}
